"""The compiled methods of dataclasses kept across runs, as ``__pycache__`` keeps bytecode.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and
frozen ``__setattr__`` as source text and compiles it with ``exec`` in every process: for
claimlint's classes about 240 small compilations, some 25 ms of a one-file pre-commit run.
:func:`install` gives the ``dataclasses`` module an ``exec`` of its own (a module global, which
its code finds before the builtin) that compiles each source text once and keeps the code
object in a marshal file per interpreter version, then runs it exactly as ``exec`` would run the
text. It is compiled with the ``dataclasses`` module's own ``__future__`` flags, as ``exec``
would; the same text always gives the same code, so the cache can make a run faster, never
different.

The file sits beside the regex cache (:func:`claimlint.recache.user_cache_dir`), is written
atomically at exit when new texts were compiled, and may be deleted at any time;
``CLAIMLINT_NO_USER_CACHE=1`` turns it off (then nothing is installed).
"""

from __future__ import annotations

import builtins
import os
import sys

from claimlint.recache import read_marshal, user_cache_dir, write_marshal

__all__ = ["install"]

_MAX_ENTRIES = 2000  # other packages' dataclasses land here too; keep the file bounded
_codes: dict = {}  # source text -> code object, from the file
_new: dict = {}
_flags = 0  # the dataclasses module's own __future__ flags, which exec(text) would inherit


def install() -> None:
    """Route the ``dataclasses`` module's ``exec`` of source text through the cache (once)."""
    global _flags
    path = _path()
    if path is None:
        return
    import dataclasses

    if getattr(dataclasses, "exec", None) is _exec:
        return
    try:
        import __future__

        features = 0
        for name in __future__.all_feature_names:
            features |= getattr(__future__, name).compiler_flag
        _flags = dataclasses.fields.__code__.co_flags & features
    except Exception:
        return
    _codes.update(read_marshal(path))
    dataclasses.exec = _exec


def _exec(source, globals=None, locals=None, /):
    if type(source) is str:
        code = _codes.get(source) or _new.get(source)
        if code is None:
            code = builtins.compile(source, "<string>", "exec", _flags, True)
            if not _new:
                import atexit

                atexit.register(_save)
            _new[source] = code
        source = code
    return builtins.exec(source, globals, locals)


def _path() -> str | None:
    folder = user_cache_dir()
    if folder is None:
        return None
    return os.path.join(folder, f"code-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")


def _save() -> None:
    path = _path()
    if path is None or not _new:
        return
    merged = {**_codes, **_new}
    write_marshal(path, merged if len(merged) <= _MAX_ENTRIES else dict(_new))
