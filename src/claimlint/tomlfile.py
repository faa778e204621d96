"""Reading the shipped TOML data files with one located error style."""

from __future__ import annotations

from pathlib import Path

from claimlint import recache as rx

_TOML_LINE = rx.compile(r"at line (\d+)")


def read_toml(path: Path, error: type[Exception], what: str) -> tuple[str, dict]:
    """The text and data of a TOML file; ``error("file:line: …")`` when it cannot be used."""
    import tomllib  # ~8 ms, and a run whose data comes from the data cache never reads TOML

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read the {what}: {exc.strerror}") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = f"{found.group(1)}:" if found else ""
        raise error(f"{path}:{line} invalid TOML: {exc}") from None
