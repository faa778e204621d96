"""Run the command line in-process, as click's CliRunner did: ``main(argv)`` with stdout and
stderr captured apart and together (``output``, in the order written), and the exit code."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from claimlint.cli import main


class _Stream(io.StringIO):
    """A captured stream that also appends what it is given to a shared, mixed log."""

    def __init__(self, mixed: list[str]) -> None:
        super().__init__()
        self._mixed = mixed

    def write(self, s: str) -> int:
        self._mixed.append(s)
        return super().write(s)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    output: str  # stdout and stderr mixed, as a user at a terminal sees them
    exception: BaseException | None  # a SystemExit with a non-zero code, or an error caught


def invoke(*args: str, catch_exceptions: bool = False) -> Result:
    """``main(list(args))``; with ``catch_exceptions`` an error other than SystemExit is kept
    in ``exception`` (exit code 1) instead of raised."""
    mixed: list[str] = []
    out, err = _Stream(mixed), _Stream(mixed)
    exception: BaseException | None = None
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            if exc.code is None:
                code = 0
            elif isinstance(exc.code, int):
                code = exc.code
            else:  # sys.exit("message"): the message goes to stderr, exit 1
                err.write(f"{exc.code}\n")
                code = 1
            exception = exc if code else None  # as CliRunner: a SystemExit(0) is no exception
        except Exception as exc:
            if not catch_exceptions:
                raise
            exception, code = exc, 1
    return Result(code, out.getvalue(), err.getvalue(), "".join(mixed), exception)
