"""Writing a file atomically: a temporary file in the same folder, then a rename.

Readers (another claimlint run, a CI step) see the old file or the new one, never half of one.
Files get the permissions an ordinary write would give (mkstemp alone makes them 0600).
"""

from __future__ import annotations

import contextlib
import os


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, text: str | bytes) -> None:
    import tempfile  # with shutil, bz2 and lzma: ~10 ms that a run without writes never needs

    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".claimlint")
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
