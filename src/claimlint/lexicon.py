"""Drug names, brand -> generic, and drug classes, read from ``rules/drugs.toml``.

:meth:`Lexicon.find` reports every drug and class mention in a text. It works on word tokens
rather than one big regular expression: the text is read as runs of letters and runs of digits,
and at each token that can start a name the longest run of tokens that spells a known name
wins. Only those tokens are looked at: in text with no letter or digit beyond ASCII (nearly all)
they are found by string searches in a copy with all but letters (digits) blanked; other text
is walked token by token. A name's words may be separated in the text by spaces (at most one
line break), a hyphen or dash, or a slash, so "beta-blockers", "beta blockers" and "COX2"/"COX-2"
need one entry each. Matches are whole words: a name glued to a letter or digit on either side
does not count. The layout of the data file is documented in its header.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from claimlint import recache as rx
from claimlint.config import ConfigError
from claimlint.textscan import holds_any
from claimlint.tomlfile import read_toml

__all__ = ["DrugHit", "Lexicon", "LexiconError", "load_lexicon"]

_TOKEN = rx.compile(r"[^\W\d_]+|\d+")
# What may stand between two words of one name: nothing (letter-digit boundary), blanks with at
# most one line break, or one hyphen, dash or slash.
_SEP = rx.compile(r"[-‐‑‒–/]|[^\S\n]*\n?[^\S\n]*")
_EASY_SEP = frozenset(("", " ", "-", "/", "–"))  # common gaps that _SEP accepts
_NEXT = rx.compile(r"([\W_]*)([^\W\d_]+|\d+)")  # the gap to the next token, and the token
_NEXT_ASCII = rx.compile(r"([^a-z0-9]*)([a-z]+|[0-9]+)")  # the same in lower-case ASCII
_WIDE_ALNUM = rx.compile(r"[^\W\x00-\x7f]")  # a letter or digit beyond ASCII
_FEW = 8  # heads of one kind (digits) few enough to look for as substrings first
_MANY = 50  # different first words in one text beyond which find() reads every token
_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # a-z kept, the rest blanked
_DIGITS = bytes(c if 48 <= c <= 57 else 32 for c in range(256))  # 0-9 kept, the rest blanked


class LexiconError(ConfigError):
    """The lexicon file is malformed; the message names the file, the line if known, and key."""


class DrugHit(NamedTuple):
    """One drug or class mention found by :meth:`Lexicon.find`. A named tuple rather than a
    frozen dataclass: immutable all the same, and built in half the time (a frozen dataclass
    sets each field through object.__setattr__), which counts at ~50 hits per document."""

    start: int  # offsets into the text passed to find(), end exclusive
    end: int
    name: str  # canonical: the generic name for a drug, the class id for a class
    kind: str  # "drug" or "class"
    surface: str  # the text as written


def _key(name: str) -> str:
    """The lookup key of a name: its letter and digit runs, lower case, joined by spaces."""
    low = name.lower()
    if low.isalpha():
        return low
    words = low.split()
    if "".join(words).isalpha():  # every word is letters only
        return " ".join(words)
    return " ".join(_TOKEN.findall(low))


def _ascii_subject(text: str) -> str | None:
    """``text`` in lower case with "?" for each character beyond ASCII, when that keeps its
    tokens (runs of letters, runs of digits) where they are and lowers them: when it has no
    letter or digit beyond ASCII. None otherwise."""
    if text.isascii():
        return text.lower()
    if _WIDE_ALNUM.search(text) is None:
        return text.encode("ascii", "replace").decode().lower()
    return None


class Lexicon:
    """Known drugs and classes. Build with :func:`load_lexicon`; read-only afterwards."""

    __slots__ = ("_ascii_heads", "_classes_of", "_index", "_members", "_starts", "classes", "drugs")

    def __init__(
        self,
        index: dict[str, tuple[str, str, int]],
        members: dict[str, frozenset[str]],
    ) -> None:
        self._index = index  # key -> (canonical name, "drug" | "class" | "ignore", line)
        self._members = members
        self.drugs = frozenset({name for name, kind, _ in index.values() if kind == "drug"})
        self.classes = frozenset(members)
        # A token can start a name if it is a one-word name or in _starts: the runs of first
        # words (one or more, up to all) of the names of two or more words, which find() follows
        # word by word.
        multi = [key for key in index if " " in key]
        self._starts = starts = set(multi)
        for key in multi:
            while " " in key:
                key = key[: key.rindex(" ")]
                starts.add(key)
        # For ASCII texts, by kind of token (letters, digits); a digit first word only counts
        # if it starts a name an ASCII text can spell ("5" in "5 α-reductase" does not).
        letters = starts.union(index)  # only a-z words can meet a letter token
        heads = [*filter(str.isdigit, index)]
        heads += [key[: key.index(" ")] for key in filter(str.isascii, multi)]
        digits = frozenset(head for head in heads if head.isascii() and head.isdigit())
        # With each table, the few heads themselves (else None): a text that holds none of
        # them as a substring needs no pass with that table.
        self._ascii_heads = tuple(
            (t, h, tuple(h) if len(h) <= _FEW else None)
            for t, h in ((_LETTERS, letters), (_DIGITS, digits))
            if h
        )
        classes_of: dict[str, set[str]] = {}
        for class_id, drugs in members.items():
            for drug in drugs:
                classes_of.setdefault(drug, set()).add(class_id)
        self._classes_of = {d: frozenset(c) for d, c in classes_of.items()}

    def __repr__(self) -> str:
        return f"<Lexicon {len(self.drugs)} drugs, {len(self.classes)} classes>"

    def find(self, text: str) -> list[DrugHit]:
        """All drug and class mentions in ``text``, in order, longest match first."""
        subject = _ascii_subject(text)
        starts = self._ascii_starts(subject) if subject is not None else None
        follow = _NEXT_ASCII
        if starts is None:  # look at every token
            index, longer, subject, follow = self._index, self._starts, text, _NEXT
            starts = [
                (m.start(), m.end(), word)
                for m in _TOKEN.finditer(text)
                if (word := m.group().lower()) in index or word in longer
            ]
        if not starts:
            return []
        index, longer, size = self._index, self._starts, len(text)
        hits: list[DrugHit] = []
        resume = 0  # where the last name ended
        for start, end, word in starts:
            if start < resume or (start and text[start - 1].isalnum()):
                continue
            if word not in longer:
                entry, stop = index.get(word), end
                if entry is None or (stop < size and text[stop].isalnum()):
                    continue
            else:
                entry, stop = self._longest(text, subject, follow, word, end)
                if entry is None:
                    continue
            resume = stop
            if entry[1] != "ignore":
                hits.append(DrugHit(start, stop, entry[0], entry[1], text[start:stop]))
        return hits

    def _ascii_starts(self, low: str) -> list[tuple[int, int, str]] | None:
        """(start, end, token) of each token of ``low`` (lower-case ASCII) that is the first
        word of a name, in order; find() drops those glued to a digit (letter) before them.
        None for a text with many different ones (each costs a scan of the text)."""
        starts = []
        for table, heads, few in self._ascii_heads:
            if few is not None and not holds_any(low, few):
                continue
            # " low " with all but letters (digits) blanked: its words are the letter (digit)
            # tokens, and " token " is found where that token is, one place to the right
            blanked = f" {low.encode().translate(table).decode()} "
            words = heads.intersection(blanked.split())
            if len(words) > _MANY:
                return None
            for word in words:
                needle = f" {word} "
                at = blanked.find(needle)
                while at >= 0:
                    starts.append((at, at + len(word), word))
                    at = blanked.find(needle, at + len(word) + 1)
        if len(starts) > 1:
            starts.sort()
        return starts

    def _longest(self, text: str, subject: str, follow, word: str, end: int) -> tuple:
        """(entry, end) of the longest name that starts with the token ``word`` ending at
        ``end`` and does not run into a letter or digit, or (None, 0). Further tokens are read
        from ``subject`` with ``follow``; they join the name while it stays the start of one."""
        index, longer, size = self._index, self._starts, len(text)
        best, name, stop = (None, 0), word, end
        while True:
            entry = index.get(name)
            if entry is not None and (stop == size or not text[stop].isalnum()):
                best = (entry, stop)
            found = follow.match(subject, stop)
            if found is None:
                return best
            name = f"{name} {found[2].lower()}"
            gap = text[stop : found.start(2)]
            if name not in longer or (gap not in _EASY_SEP and not _SEP.fullmatch(gap)):
                return best
            stop = found.end()

    def canonical(self, name: str) -> str | None:
        """Generic name for a drug (brand, synonym or generic), class id for a class name or id;
        None when unknown."""
        name = name.strip()
        if name.lower() in self._members:
            return name.lower()
        entry = self._index.get(_key(name))
        if entry is None or entry[1] == "ignore":
            return None
        return entry[0]

    def members(self, class_id: str) -> frozenset[str]:
        """Generic names of a class's drugs (with included classes); empty when unknown."""
        found = self.canonical(class_id)
        return self._members.get(found, frozenset()) if found else frozenset()

    def classes_of(self, drug: str) -> frozenset[str]:
        """Ids of every class the drug (any of its names) belongs to."""
        found = self.canonical(drug)
        return self._classes_of.get(found, frozenset()) if found else frozenset()

    def is_class(self, name: str) -> bool:
        """True when ``name`` is a class id or a surface name of a class."""
        return self.canonical(name) in self._members


@functools.cache
def _default_path() -> Path:
    from claimlint.data import rules_dir

    return rules_dir() / "drugs.toml"


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """Load (once per path) the lexicon; the default is the shipped ``rules/drugs.toml``."""
    return _load(Path(path).resolve() if path is not None else _default_path())


@functools.lru_cache(maxsize=16)
def _load(path: Path) -> Lexicon:
    from claimlint.lexicon_reader import LexiconReader

    text, data = read_toml(path, LexiconError, "drug lexicon")
    return LexiconReader(path, text).build(data)
