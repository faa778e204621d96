"""Advice packs: topic-scoped "do not" guidance read from ``rules/<topic>.toml``.

A pack names the topics it applies to and lists advice entries; each entry forbids drugs,
drug classes or phrases (or limits how long they may be used) and cites a source in the
shipped bibliography. The format is documented in ``rules/README.md``. Every problem is a
:class:`PackError` whose text is one line, ``file:line: key: problem``.

``rules/drugs.toml`` and ``rules/dose-limits.toml`` live in the same folder but are not packs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from claimlint.findings import Severity

__all__ = ["AdviceEntry", "AdvicePack", "AdvicePacks", "PackError", "load_packs"]

NOT_PACKS = frozenset({"drugs.toml", "dose-limits.toml"})
PACK_KEYS = {"id": True, "title": True, "topics": True, "source": True}  # key -> required
ENTRY_KEYS = {
    "id": True,
    "forbid": True,
    "except": False,
    "max_duration": False,
    "message": True,
    "severity": False,
    "source": False,  # defaults to the pack's source
    "applies_when": False,
}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(days?|weeks?|months?)\s*")
_UNIT_DAYS = {"d": 1.0, "w": 7.0, "m": 30.0}
_TOML_LINE = re.compile(r"at line (\d+)")
_NON_WORD = re.compile(r"[^a-z0-9]+")


class PackError(Exception):
    """A broken advice pack. ``str()`` is one line: ``file:line: key: problem``."""

    def __init__(self, path: str | Path, line: int, key: str, problem: str) -> None:
        super().__init__(f"{path}:{line}: {key}: {problem}")
        self.path = str(path)
        self.line = line
        self.key = key
        self.problem = problem


def _norm(text: str) -> str:
    """Lower case, every run of non-alphanumerics one space, padded: for word matching."""
    return " " + _NON_WORD.sub(" ", text.lower()).strip() + " "


def _word_regex(words: tuple[str, ...]) -> re.Pattern | None:
    """Whole words or phrases (normalized), each also with a plural "s"/"es"."""
    parts = [re.escape(_norm(w).strip()) for w in words if _norm(w).strip()]
    if not parts:
        return None
    return re.compile(r" (?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?:e?s)? ")


def _first(regex: re.Pattern | None, text: str) -> str | None:
    m = regex.search(_norm(text)) if regex else None
    return m.group(0).strip() if m else None


@dataclass(frozen=True)
class AdviceEntry:
    """One advice entry of a pack: what it forbids (or limits), why, and where that is said."""

    id: str
    pack: str
    forbid: tuple[str, ...]  # canonical drug names and lexicon class ids
    phrases: tuple[str, ...]  # quoted phrases, matched as words in the clause text
    except_words: tuple[str, ...]
    message: str
    severity: Severity
    source: str  # a bib key
    source_label: str  # "Qaseem et al. 2017", from the bib entry
    applies_when: tuple[str, ...] = ()
    max_duration: str = ""  # as written, e.g. "2 weeks"
    max_duration_days: float | None = None
    path: str = ""
    line: int = 0

    @property
    def limits_duration(self) -> bool:
        return self.max_duration_days is not None

    def forbidden_items(self, items, lexicon) -> list[str]:
        """The items (canonical drugs / class ids of a statement) this entry forbids."""
        out = []
        for item in items:
            if item in self.forbid or (lexicon is not None and self._covered(item, lexicon)):
                out.append(item)
        return out

    def _covered(self, item: str, lexicon) -> bool:
        if set(lexicon.classes_of(item)) & set(self.forbid):
            return True
        if lexicon.is_class(item):
            members = set(lexicon.members(item))
            return bool(members) and any(
                members <= set(lexicon.members(f)) for f in self.forbid if lexicon.is_class(f)
            )
        return False

    @cached_property
    def _regexes(self) -> tuple[re.Pattern | None, ...]:
        return tuple(_word_regex(w) for w in (self.phrases, self.except_words, self.applies_when))

    def phrase_in(self, text: str) -> str | None:
        """The first forbidden quoted phrase found in ``text``, or None."""
        return _first(self._regexes[0], text)

    def exempting_word(self, text: str) -> str | None:
        """The first ``except`` word found in ``text`` (whole word, plural allowed), or None."""
        return _first(self._regexes[1], text)

    def applies(self, *texts: str) -> bool:
        """True without ``applies_when``; else when one of its words is in one of ``texts``."""
        regex = self._regexes[2]
        return regex is None or any(regex.search(_norm(t)) for t in texts)

    @property
    def cite(self) -> str:
        """How a finding names the source: "Qaseem et al. 2017 [qaseem2017]"."""
        return f"{self.source_label} [{self.source}]" if self.source_label else self.source


@dataclass(frozen=True)
class AdvicePack:
    id: str
    title: str
    topics: tuple[str, ...]
    source: str
    entries: tuple[AdviceEntry, ...]
    path: str = ""

    @cached_property
    def _regex(self) -> re.Pattern | None:
        return _word_regex(self.topics)

    def matches(self, topic_text: str) -> bool:
        return bool(self._regex and self._regex.search(_norm(topic_text)))


@dataclass(frozen=True)
class AdvicePacks:
    packs: tuple[AdvicePack, ...] = ()

    @property
    def entries(self) -> tuple[AdviceEntry, ...]:
        return tuple(e for p in self.packs for e in p.entries)

    def matching(self, topic_text: str) -> list[AdviceEntry]:
        """The entries of every pack whose topics occur in ``topic_text`` (title, conditions)."""
        return [e for p in self.packs if p.matches(topic_text) for e in p.entries]

    def entry(self, entry_id: str) -> AdviceEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


_CACHE: dict[tuple, AdvicePacks] = {}


def load_packs(paths=None, lexicon=None) -> AdvicePacks:
    """Load advice packs (cached per paths and lexicon).

    ``paths`` are pack files or folders (a folder means its ``*.toml`` files); the default is
    the shipped ``rules/`` folder. ``drugs.toml`` and ``dose-limits.toml`` are never packs.
    """
    if lexicon is None:
        from claimlint.lexicon import load_lexicon

        lexicon = load_lexicon()
    files = _pack_files(paths)
    key = (tuple((str(f), f.stat().st_mtime_ns) for f in files), id(lexicon))
    cached = _CACHE.get(key)
    if cached is None:
        cached = _CACHE[key] = _load(files, lexicon)
    return cached


def _pack_files(paths) -> list[Path]:
    if paths is None:
        from claimlint.data import rules_dir

        paths = [rules_dir()]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in sorted(path.glob("*.toml")) if p.name not in NOT_PACKS)
        elif path.is_file():
            files.append(path)
        else:
            raise PackError(path, 0, "path", "no such advice pack file or folder")
    return [f.resolve() for f in files]


def _load(files: list[Path], lexicon) -> AdvicePacks:
    packs: list[AdvicePack] = []
    seen_packs: dict[str, str] = {}
    seen_entries: dict[str, str] = {}
    for path in files:
        pack = _Reader(path, lexicon).pack()
        if pack.id in seen_packs:
            raise PackError(
                path, 1, "pack.id", f"'{pack.id}' is also the id of {seen_packs[pack.id]}"
            )
        seen_packs[pack.id] = str(path)
        for entry in pack.entries:
            if entry.id in seen_entries:
                raise PackError(
                    path,
                    entry.line,
                    "advice.id",
                    f"'{entry.id}' is already used in {seen_entries[entry.id]}",
                )
            seen_entries[entry.id] = str(path)
        packs.append(pack)
    return AdvicePacks(tuple(packs))


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


_TABLE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


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


_ENTRY = re.compile(r"^[ \t]*@(\w+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.M)
_AUTHOR = re.compile(r"(?<![\w-])author\s*=\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\"[^\"]*\")", re.I)
_YEAR = re.compile(r"(?<![\w-])(?:year|date)\s*=\s*[{\"]?\s*(\d{4})", re.I)


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
