"""Per-file result cache in ``.claimlint_cache/``.

A file's findings are stored under a key made of: claimlint's version, the resolved settings,
the hashes of the shipped and configured data (lexicon, dose limits, advice packs), the hashes
of the document's bibliography files, and the document's own content hash. Any change to one
of them is a miss. Writes are atomic (temporary file + rename), so concurrent runs never see a
half-written entry; a corrupt or truncated entry is ignored and rebuilt.
"""

from __future__ import annotations

import os
from pathlib import Path

from claimlint.findings import Finding, Location, Severity

FORMAT = 1


def _digest(*parts: str | bytes) -> str:
    import hashlib

    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else p.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class FileHashes:
    """Content hashes of files, computed once per run."""

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}

    def of(self, path: str) -> str:
        import hashlib

        key = os.path.abspath(path)
        value = self._memo.get(key)
        if value is None:
            try:
                with open(key, "rb") as fh:
                    value = hashlib.sha256(fh.read()).hexdigest()
            except OSError:
                value = "missing"
            self._memo[key] = value
        return value


class ResultCache:
    def __init__(self, folder: str | os.PathLike, run_key: str) -> None:
        self.folder = Path(folder)
        self._root = os.path.join(os.fspath(folder), f"v{FORMAT}")
        self.run_key = run_key
        self._ready = False

    def _prepare(self) -> bool:
        from claimlint.atomic import write_atomic

        if self._ready:
            return True
        try:
            (self.folder / f"v{FORMAT}").mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                write_atomic(ignore, "# Created by claimlint; the cache is safe to delete.\n*\n")
        except OSError:
            return False
        self._ready = True
        return True

    def key(self, path: str, content: bytes, extra: str = "") -> str:
        return _digest(self.run_key, os.path.abspath(path), content, extra)

    def _entry(self, key: str) -> str:
        # plain strings: pathlib's joins cost more than reading a small entry
        return os.path.join(self._root, key[:2], f"{key}.json")

    def get(self, key: str, path: str) -> list[Finding] | None:
        import json

        try:
            with open(self._entry(key), encoding="utf-8") as handle:
                data = json.loads(handle.read())
            findings = [_finding(path, d) for d in data["findings"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return findings

    def put(self, key: str, findings: list[Finding]) -> None:
        import json

        from claimlint.atomic import write_atomic

        if not self._prepare():
            return
        entry = self._entry(key)
        data = {"findings": [_record(f) for f in findings]}
        try:
            os.makedirs(os.path.dirname(entry), exist_ok=True)
            write_atomic(entry, json.dumps(data, ensure_ascii=False))
        except OSError:
            pass  # a read-only or full disk only costs speed


def _record(f: Finding) -> dict:
    d = f.to_dict()
    d["context"] = f.context
    d["related"] = [
        {"path": r.path, "line": r.line, "column": r.column, "message": r.message}
        for r in f.related
    ]
    return d


def _finding(path: str, d: dict) -> Finding:
    """A cached finding, re-stamped with the document path as given in this run."""
    related = tuple(
        Location(
            path if r["path"] == d["path"] else r["path"], r["line"], r["column"], r["message"]
        )
        for r in d["related"]
    )
    return Finding(
        path,
        int(d["line"]),
        int(d["column"]),
        int(d["end_line"]),
        int(d["end_column"]),
        str(d["code"]),
        str(d["name"]),
        Severity(d["severity"]),
        str(d["message"]),
        related,
        context=str(d.get("context", "")),
    )


def run_key(settings, data_files: list[str], hashes: FileHashes) -> str:
    """What every cached result of this run depends on, besides the file itself."""
    import json

    from claimlint import __version__

    settings_json = json.dumps(settings.to_dict(), sort_keys=True, default=str)
    data = [f"{p}={hashes.of(p)}" for p in sorted(data_files)]
    return _digest(__version__, settings_json, *data)
