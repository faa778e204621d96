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
from dataclasses import dataclass
from pathlib import Path

from claimlint import recache as rx
from claimlint.config import ConfigError
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
_MANY = 50  # different first words in one text beyond which find() reads every token
_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # a-z kept, the rest blanked
_DIGITS = bytes(c if 48 <= c <= 57 else 32 for c in range(256))  # 0-9 kept, the rest blanked
_CLASS_ID = rx.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_QUOTES = "'" * 3
_ASSIGN = rx.compile(r'\s*([\w-]+|"[^"]*")\s*=')


class LexiconError(ConfigError):
    """The lexicon file is malformed; the message names the file, the line if known, and key."""


@dataclass(frozen=True, slots=True)
class DrugHit:
    """One drug or class mention found by :meth:`Lexicon.find`."""

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
        self._ascii_heads = tuple((t, h) for t, h in ((_LETTERS, letters), (_DIGITS, digits)) if h)
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
        for table, heads in self._ascii_heads:
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
    text, data = read_toml(path, LexiconError, "drug lexicon")
    return _Builder(path, text).build(data)


class _Builder:
    """Reads the section strings line by line, validates them and builds the lookup tables."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.index: dict[str, tuple[str, str, int]] = {}  # key -> target, kind, line
        self.starts: dict[str, int] = {}  # "drugs", "classes.<id>" -> index of its "key =" line
        section = ""
        for number, line in enumerate(self.lines):
            if line.strip() == "[classes]":
                section = "classes."
            elif "=" in line and (found := _ASSIGN.match(line)):
                self.starts.setdefault(section + found.group(1).strip('"'), number)

    def error(self, line: int, key: str, problem: str) -> LexiconError:
        return LexiconError(f"{self.path}:{f'{line}:' if line else ''} {key}: {problem}")

    def entries(self, value: object, key: str) -> list[tuple[int, str]]:
        """The logical lines of one section string, with their line numbers in the file."""
        first = self.starts.get(key)
        if not isinstance(value, str):
            where = first + 1 if first is not None else 0
            raise self.error(where, key, f"expected a {_QUOTES}…{_QUOTES} string")
        if first is None:
            first = 0
        elif self.lines[first].rstrip().endswith(_QUOTES):
            first += 1  # TOML drops the newline right after the opening quotes
        result: list[tuple[int, str]] = []
        for offset, raw in enumerate(value.split("\n")):
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if raw[0].isspace() and result:
                result[-1] = (result[-1][0], f"{result[-1][1]} {stripped}")
            else:
                result.append((first + offset + 1, stripped))
        return result

    def names(self, text: str, line: int, key: str) -> list[str]:
        names = [name.strip() for name in text.split(",")]
        if not all(names):
            raise self.error(line, key, f"empty name in {text!r}")
        return names

    def add(self, name: str, target: str, kind: str, line: int, key: str) -> None:
        lookup = _key(name)
        if not lookup:
            raise self.error(line, key, f"{name!r} has no letters or digits")
        old = self.index.get(lookup)
        if old is None:
            self.index[lookup] = (target, kind, line)
        elif old[0] != target or old[1] != kind:
            raise self.error(
                line,
                key,
                f"{name!r} already means {old[0]!r} (line {old[2]}), cannot also mean {target!r}",
            )

    def build(self, data: dict) -> Lexicon:
        for top in data:
            if top not in ("drugs", "ignore", "classes"):
                raise self.error(0, top, "unknown key (expected drugs, ignore, [classes])")
        if "drugs" not in data:
            raise self.error(0, "drugs", "missing")
        drugs: dict[str, int] = {}
        for line, entry in self.entries(data["drugs"], "drugs"):
            generic, _, rest = entry.partition(":")
            generic = generic.strip()
            key = f"drugs.{generic}"
            if generic != generic.lower() or not _key(generic):
                raise self.error(line, key, "write the generic name in lower case first")
            if generic in drugs:
                raise self.error(line, key, f"listed twice (first at line {drugs[generic]})")
            drugs[generic] = line
            self.add(generic, generic, "drug", line, key)
            for name in self.names(rest, line, key) if rest.strip() else ():
                self.add(name, generic, "drug", line, key)
        for line, phrase in self.entries(data.get("ignore", ""), "ignore"):
            self.add(phrase, phrase, "ignore", line, "ignore")
        members = self.classes(data.get("classes", {}), drugs)
        return Lexicon(self.index, members)

    def classes(self, tables: object, drugs: dict[str, int]) -> dict[str, frozenset[str]]:
        if not isinstance(tables, dict):
            header = next((n for n, t in enumerate(self.lines) if t.strip() == "[classes]"), 0)
            raise self.error(header + 1, "classes", "expected a [classes] table")
        direct: dict[str, frozenset[str]] = {}
        includes: dict[str, tuple[int, list[str]]] = {}
        for class_id, block in tables.items():
            key = f"classes.{class_id}"
            fields: dict[str, tuple[int, list[str]]] = {}
            for line, entry in self.entries(block, key):
                field, colon, rest = entry.partition(":")
                field = field.strip()
                if not colon or field not in ("names", "members", "includes"):
                    raise self.error(
                        line, key, f"expected names:, members: or includes:, got {entry!r}"
                    )
                if field in fields:
                    raise self.error(line, f"{key}.{field}", "given twice")
                fields[field] = (
                    line,
                    self.names(rest, line, f"{key}.{field}") if rest.strip() else [],
                )
            line = self.starts.get(key, -1) + 1
            if not _CLASS_ID.fullmatch(class_id):
                raise self.error(line, key, "class ids are kebab case (a-z, 0-9, -)")
            if class_id in drugs:
                raise self.error(line, key, "a class id cannot also be a drug name")
            if not fields.get("names", (0, []))[1]:
                raise self.error(line, f"{key}.names", "a class needs at least one name")
            at, found = fields.get("members", (line, []))
            for member in found:
                if member not in drugs:
                    raise self.error(
                        at, f"{key}.members", f"{member!r} is not a generic name in drugs"
                    )
            at, names = fields["names"]
            for name in names:
                self.add(name, class_id, "class", at, f"{key}.names")
                if not name.endswith("s"):
                    self.add(name + "s", class_id, "class", at, f"{key}.names")
            direct[class_id] = frozenset(found)
            includes[class_id] = fields.get("includes", (line, []))
        for class_id, (at, others) in includes.items():
            for other in others:
                if other not in direct:
                    raise self.error(at, f"classes.{class_id}.includes", f"unknown class {other!r}")
        return {cid: self.expand(cid, direct, includes, ()) for cid in direct}

    def expand(self, class_id, direct, includes, seen: tuple[str, ...]) -> frozenset[str]:
        at, others = includes[class_id]
        if class_id in seen:
            cycle = " -> ".join((*seen, class_id))
            raise self.error(at, f"classes.{class_id}.includes", f"includes form a cycle: {cycle}")
        result = set(direct[class_id])
        for other in others:
            result |= self.expand(other, direct, includes, (*seen, class_id))
        return frozenset(result)
