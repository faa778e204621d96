"""Reading one advice pack file: TOML, then every table and key validated with its line.

Split from :mod:`claimlint.packs` (the model and the loader) to keep both modules short.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from claimlint import recache as rx
from claimlint.findings import Severity
from claimlint.packs import (
    _DURATION,
    _ID,
    _TOML_LINE,
    _UNIT_DAYS,
    ENTRY_KEYS,
    PACK_KEYS,
    AdviceEntry,
    AdvicePack,
    PackError,
)


class _Reader:
    """Reads and validates one pack file; knows the line of every table and key."""

    def __init__(self, path: Path, lexicon) -> None:
        self.path = path
        self.lexicon = lexicon
        try:
            self.text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PackError(path, 0, "file", f"cannot read: {exc}") from None
        self.lines = _key_lines(self.text)

    def fail(self, table: tuple[str, int], key: str, problem: str) -> PackError:
        where = self.lines.get((*table, key)) or self.lines.get((*table, "")) or 1
        name = f"{table[0]}.{key}" if key else table[0]
        return PackError(self.path, where, name, problem)

    def pack(self) -> AdvicePack:
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_LINE.search(str(exc))
            line = int(found.group(1)) if found else 1
            raise PackError(self.path, line, "toml", f"invalid TOML: {exc}") from None
        for key in data:
            if key not in ("pack", "advice"):
                raise PackError(self.path, self.lines.get((key, 0, ""), 1), key, "unknown key")
        head = data.get("pack")
        if not isinstance(head, dict):
            raise PackError(self.path, 1, "pack", "missing [pack] table")
        table = ("pack", 0)
        self.check_keys(head, PACK_KEYS, table)
        pack_id = self.ident(head, "id", table)
        topics = self.words(head, "topics", table, required=True)
        source = self.source(head, table)
        entries = data.get("advice", [])
        if not isinstance(entries, list) or not entries:
            raise PackError(self.path, 1, "advice", "a pack needs at least one [[advice]] entry")
        return AdvicePack(
            id=pack_id,
            title=self.string(head, "title", table),
            topics=topics,
            source=source[0],
            entries=tuple(
                self.entry(raw, ("advice", i), pack_id, source) for i, raw in enumerate(entries)
            ),
            path=str(self.path),
        )

    def entry(self, raw: dict, table, pack_id: str, pack_source) -> AdviceEntry:
        self.check_keys(raw, ENTRY_KEYS, table)
        forbid: list[str] = []
        phrases: list[str] = []
        for name in self.words(raw, "forbid", table, required=True):
            if len(name) > 2 and name[0] == name[-1] == '"':
                phrases.append(name[1:-1].strip().lower())
                continue
            found = self.lexicon.canonical(name) if self.lexicon is not None else name
            if not found:
                raise self.fail(table, "forbid", f"unknown drug or class '{name}'")
            forbid.append(found)
        severity = raw.get("severity", "error")
        if severity not in ("error", "warning", "info"):
            raise self.fail(table, "severity", f"'{severity}' is not error, warning or info")
        limit = raw.get("max_duration")
        days = None
        if limit is not None:
            m = _DURATION.fullmatch(limit) if isinstance(limit, str) else None
            if not m:
                raise self.fail(table, "max_duration", f'bad duration {limit!r} (e.g. "2 weeks")')
            days = float(m.group(1)) * _UNIT_DAYS[m.group(2)[0]]
        source, label = self.source(raw, table) if "source" in raw else pack_source
        return AdviceEntry(
            id=self.ident(raw, "id", table),
            pack=pack_id,
            forbid=tuple(dict.fromkeys(forbid)),
            phrases=tuple(phrases),
            except_words=self.words(raw, "except", table),
            message=self.string(raw, "message", table),
            severity=Severity(severity),
            source=source,
            source_label=label,
            applies_when=self.words(raw, "applies_when", table),
            max_duration=limit or "",
            max_duration_days=days,
            path=str(self.path),
            line=self.lines.get((*table, ""), 1),
        )

    def check_keys(self, raw: dict, known: dict[str, bool], table) -> None:
        for key in raw:
            if key not in known:
                raise self.fail(table, key, "unknown key")
        for key, required in known.items():
            if required and key not in raw:
                raise self.fail(table, "", f"missing field '{key}'")

    def string(self, raw: dict, key: str, table) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(table, key, "expected a non-empty string")
        return value.strip()

    def ident(self, raw: dict, key: str, table) -> str:
        value = self.string(raw, key, table)
        if not _ID.fullmatch(value):
            raise self.fail(table, key, f"'{value}' is not a kebab-case id")
        return value

    def words(self, raw: dict, key: str, table, required: bool = False) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(table, key, "expected a list of non-empty strings")
        if required and not value:
            raise self.fail(table, key, "must not be empty")
        return tuple(v.strip() for v in value)

    def source(self, raw: dict, table) -> tuple[str, str]:
        key = self.string(raw, "source", table)
        labels = _bib_labels(self.path)
        if key not in labels:
            raise self.fail(table, "source", f"unknown bib key '{key}'")
        return key, labels[key]


_TABLE = rx.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_KEY = rx.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _key_lines(text: str) -> dict[tuple[str, int, str], int]:
    """Line of every table header (key "") and top-level key in it: (table, index, key)."""
    lines: dict[tuple[str, int, str], int] = {}
    counts: dict[str, int] = {}
    table = ("", 0)
    depth = 0  # open brackets of a multi-line array
    for number, line in enumerate(text.splitlines(), 1):
        code = re.sub(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'|#.*", '""', line)
        if depth == 0:
            m = _TABLE.match(code)
            if m:
                name = m.group(2)
                index = counts.get(name, -1) + 1 if m.group(1) == "[[" else 0
                counts[name] = index
                table = (name, index)
                lines.setdefault((name, index, ""), number)
                continue
            m = _KEY.match(code)
            if m:
                lines.setdefault((*table, m.group(1)), number)
        depth = max(0, depth + code.count("[") - code.count("]"))
    return lines


def _bib_labels(pack_path: Path) -> dict[str, str]:
    """Keys of the shipped bibliography and of ``*.bib`` next to the pack, with a short label."""
    from claimlint.data import bib_dir

    folders = {bib_dir().resolve(), pack_path.parent.resolve(), (pack_path.parent / "bib")}
    return _labels_in(tuple(sorted(folders)))


_ENTRY = rx.compile(r"^[ \t]*@(\w+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.M)
_AUTHOR = rx.compile(r"(?<![\w-])author\s*=\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\"[^\"]*\")", re.I)
_YEAR = rx.compile(r"(?<![\w-])(?:year|date)\s*=\s*[{\"]?\s*(\d{4})", re.I)


@lru_cache(maxsize=8)
def _labels_in(folders: tuple[Path, ...]) -> dict[str, str]:
    """A plain scan of the .bib files for keys, first author and year. Loading the packs runs on
    every lint, so it must not pay for a full BibTeX parse (the tests check the scan against
    bibtexparser on the shipped bibliography)."""
    labels: dict[str, str] = {}
    for folder in folders:
        for bib in sorted(folder.glob("*.bib")) if folder.is_dir() else ():
            try:
                text = bib.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            entries = [m for m in _ENTRY.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES]
            for i, m in enumerate(entries):
                end = entries[i + 1].start() if i + 1 < len(entries) else len(text)
                author = _AUTHOR.search(text, m.end(), end)
                year = _YEAR.search(text, m.end(), end)
                labels[m.group(2)] = _label(
                    author.group(1)[1:-1] if author else "", year.group(1) if year else ""
                )
    return labels


_NOT_ENTRIES = frozenset({"string", "comment", "preamble"})


def _label(author: str, year: str) -> str:
    """ "Qaseem et al. 2017", "National Institute for Health and Care Excellence 2021"."""
    authors, depth, start = [], 0, 0
    for m in re.finditer(r"[{}]|\s+and\s+", author):
        token = m.group(0)
        depth += {"{": 1, "}": -1}.get(token, 0)
        if token.strip() == "and" and depth == 0:
            authors.append(author[start : m.start()])
            start = m.end()
    authors = [a.strip() for a in [*authors, author[start:]] if a.strip()]
    name = authors[0] if authors else ""
    if name.startswith("{"):
        name = name[1:-1] if name.endswith("}") else name[1:]
    elif "," in name:
        name = name.split(",")[0]
    elif name:
        name = name.split()[-1]
    name = " ".join(name.replace("{", "").replace("}", "").split())
    if len(authors) > 1:
        name += " et al."
    return f"{name} {year.strip()[:4]}".strip()
