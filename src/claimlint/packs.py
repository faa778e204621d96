"""Advice packs: topic-scoped "do not" guidance read from ``rules/<topic>.toml``.

A pack names the topics it applies to and lists advice entries; each entry forbids drugs,
drug classes or phrases (or limits how long they may be used) and cites a source in the
shipped bibliography. The format is documented in ``rules/README.md``. Every problem is a
:class:`PackError` whose text is one line, ``file:line: key: problem``.

``rules/drugs.toml`` and ``rules/dose-limits.toml`` live in the same folder but are not packs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from claimlint import recache as rx
from claimlint.config import ConfigError
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
_ID = rx.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DURATION = rx.compile(r"\s*(\d+(?:\.\d+)?)\s*(days?|weeks?|months?)\s*")
_UNIT_DAYS = {"d": 1.0, "w": 7.0, "m": 30.0}
_TOML_LINE = rx.compile(r"at line (\d+)")
_NON_WORD = rx.compile(r"[^a-z0-9]+")


class PackError(ConfigError):
    """A broken advice pack. ``str()`` is one line: ``file:line: key: problem``."""

    def __init__(self, path: str | Path, line: int, key: str, problem: str) -> None:
        super().__init__(f"{path}:{line}: {key}: {problem}")
        self.path = str(path)
        self.line = line
        self.key = key
        self.problem = problem

    def __reduce__(self):  # raised in a worker process, re-raised in the parent
        return (PackError, (self.path, self.line, self.key, self.problem))


def _norm(text: str) -> str:
    """Lower case, every run of non-alphanumerics one space, padded: for word matching."""
    return " " + _NON_WORD.sub(" ", text.lower()).strip() + " "


def _word_regex(words: tuple[str, ...]) -> re.Pattern | None:
    """Whole words or phrases (normalized), each also with a plural "s"/"es"."""
    parts = [re.escape(_norm(w).strip()) for w in words if _norm(w).strip()]
    if not parts:
        return None
    return rx.compile(r" (?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?:e?s)? ")


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

    def matches(self, norm: str) -> bool:
        """Whether a topic occurs in ``norm``, a text already passed through ``_norm``."""
        return bool(self._regex and self._regex.search(norm))


@dataclass(frozen=True)
class AdvicePacks:
    packs: tuple[AdvicePack, ...] = ()

    @property
    def entries(self) -> tuple[AdviceEntry, ...]:
        return tuple(e for p in self.packs for e in p.entries)

    def matching(self, topic_text: str) -> list[AdviceEntry]:
        """The entries of every pack whose topics occur in ``topic_text`` (title, conditions)."""
        norm = _norm(topic_text)  # once, not once per pack
        return [e for p in self.packs if p.matches(norm) for e in p.entries]

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
    from claimlint.packs_reader import _Reader

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
