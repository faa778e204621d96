"""Run data (the drug lexicon, dose limits, advice packs) kept across runs.

Reading and checking the TOML tables costs ~40 ms, most of a one-file run's data loading, and
the result only changes when a table, a configured pack or claimlint itself changes. :func:`load`
pickles what a loader built into the user cache folder (see :mod:`claimlint.recache`), under a
key made of claimlint's version, the interpreter and the size and modification time of every
input file and of the modules that define the loaded classes, and reuses it while that key
holds. A loader that raises (a malformed table) caches nothing, so its located error is raised
on every run. An unreadable or stale file is rebuilt; ``CLAIMLINT_NO_USER_CACHE=1`` turns this
cache off together with the regex cache.
"""

from __future__ import annotations

import functools
import os
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from claimlint.recache import user_cache_dir

_SHARED = "shared"
_HERE = os.path.dirname(os.path.abspath(__file__))


def load(
    kind: str, inputs: Iterable[str | Path], build: Callable[[], object], shared: object = None
):
    """``build()``, or its result from an earlier run with the same inputs. ``shared`` (the
    lexicon) is an object the result refers to that is stored by reference, not copied."""
    folder = user_cache_dir()
    if folder is None:
        return build()
    key = _key(kind, inputs)
    # One file per kind and installation (a pre-commit venv and a project venv do not take
    # turns overwriting each other), so changed inputs replace it rather than pile up; the
    # key inside decides whether it still holds.
    install = zlib.crc32(_HERE.encode())
    path = os.path.join(folder, f"data-{kind}-{install:08x}.pickle")
    try:
        stored_key, value = _read(path, shared)
    except Exception:
        stored_key = value = None
    if stored_key == key:
        return value
    value = build()
    _write(path, (key, value), shared)
    return value


def _key(kind: str, inputs: Iterable[str | Path]) -> str:
    return "\n".join([kind, _code_stamp(), *(_stamp(str(p)) for p in inputs)])


@functools.cache
def _code_stamp() -> str:
    """claimlint's version, Python and its own modules (a loaded class may have changed):
    the same for every kind, so stat'ed once per process."""
    from claimlint import __version__

    parts = [__version__, sys.version, _HERE]
    for name in sorted(os.listdir(_HERE)):
        if name.endswith(".py"):
            parts.append(_stamp(os.path.join(_HERE, name)))
    return "\n".join(parts)


def _stamp(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return f"{path} missing"
    return f"{os.path.abspath(path)} {info.st_size} {info.st_mtime_ns}"


def _pickle():
    try:
        import _pickle as module  # the C pickler alone: the pickle module costs ~3 ms more
    except ImportError:  # pragma: no cover - not CPython
        import pickle as module
    return module


def _read(path: str, shared: object):
    import io

    pickle = _pickle()
    with open(path, "rb") as handle:
        data = handle.read()

    class Reader(pickle.Unpickler):
        def persistent_load(self, pid):
            if pid == _SHARED and shared is not None:
                return shared
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")

    return Reader(io.BytesIO(data)).load()


def _write(path: str, value: object, shared: object) -> None:
    try:
        import io

        from claimlint.atomic import write_atomic

        pickle = _pickle()

        class Writer(pickle.Pickler):
            def persistent_id(self, obj):
                return _SHARED if shared is not None and obj is shared else None

        buffer = io.BytesIO()
        Writer(buffer, protocol=5).dump(value)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomic(path, buffer.getvalue())
    except Exception:
        return
