"""Compiled regular expressions kept across runs, as ``__pycache__`` keeps bytecode.

The parser's patterns take about 90 ms to compile, a third of a one-file pre-commit run, and
``re`` starts from scratch in every process. :func:`compile` stores what CPython's
``re._compiler`` produces for a pattern (the engine's code, flags and group names) in one
marshal file per interpreter version, and on later runs hands it straight to
``_sre.compile``, skipping the pure-Python parser and compiler. The engine rejects malformed
code as it loads it; like a ``.pyc`` file, the cache is trusted to hold what claimlint wrote
(the exact interpreter version is part of its name).

The file lives in ``$XDG_CACHE_HOME/claimlint/`` (default ``~/.cache/claimlint/``), is written
atomically at exit when new patterns were compiled, and may be deleted at any time.
``CLAIMLINT_NO_USER_CACHE=1`` turns it off. Any failure (a private API that moved, an
unreadable or corrupt file, an unwritable directory) falls back to :func:`re.compile`: the cache
can make a run faster, never different.
"""

from __future__ import annotations

import os
import re
import sys
from array import array

__all__ = ["compile"]

_MAX_ENTRIES = 4000  # user-configured pack words also compile here; keep the file bounded
_entries: dict | None = None  # (pattern, flags) -> compile arguments, from the file
_new: dict = {}


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the cross-run cache when possible."""
    global _entries
    flags = int(flags)
    if _entries is None:
        _entries = _load()
    key = (pattern, flags)
    args = _entries.get(key) or _new.get(key)
    if args is not None:
        try:
            return _engine().compile(pattern, *_unpack(args))
        except Exception:
            _entries.pop(key, None)
    try:
        args = _compile_args(pattern, flags)
        compiled = _engine().compile(pattern, *_unpack(args))
    except Exception:
        return re.compile(pattern, flags)
    if not _new and _path() is not None:
        import atexit

        atexit.register(_save)
    _new[key] = args
    return compiled


def _engine():
    import _sre

    return _sre


def _compile_args(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` after the pattern."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = array("I", _compiler._code(parsed, flags)).tobytes()  # loads faster than a list
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _unpack(args: tuple) -> tuple:
    code = array("I")
    code.frombytes(args[1])
    return (args[0], code.tolist(), *args[2:])


def user_cache_dir() -> str | None:
    """``$XDG_CACHE_HOME/claimlint`` (default ``~/.cache/claimlint``); None when switched off
    with ``CLAIMLINT_NO_USER_CACHE`` or when there is no home folder."""
    if os.environ.get("CLAIMLINT_NO_USER_CACHE"):
        return None
    try:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    except Exception:
        return None
    return os.path.join(base, "claimlint")


def _path() -> str | None:
    folder = user_cache_dir()
    try:
        engine = _engine()
        if folder is None or array("I").itemsize != engine.CODESIZE:
            return None
        tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{engine.MAGIC}"
    except Exception:
        return None
    return os.path.join(folder, f"regex-{tag}.marshal")


def _load() -> dict:
    path = _path()
    return {} if path is None else read_marshal(path)


def read_marshal(path: str) -> dict:
    """The dict marshalled in ``path``; empty when the file is missing, unreadable or not one."""
    try:
        import marshal

        with open(path, "rb") as handle:
            data = marshal.loads(handle.read())  # load(file) reads item by item: 10x slower
    except Exception:
        return {}
    return data if isinstance(data, dict) else {}


def _save() -> None:
    path = _path()
    if path is None or not _new:
        return
    merged = {**(_entries or {}), **_new}
    write_marshal(path, merged if len(merged) <= _MAX_ENTRIES else dict(_new))


def write_marshal(path: str, data: dict) -> None:
    """Write ``data`` to ``path`` atomically (creating its folder); any failure is ignored."""
    try:
        import marshal

        from claimlint.atomic import write_atomic

        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomic(path, marshal.dumps(data))
    except Exception:
        return
