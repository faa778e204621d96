"""Reading ``rules/drugs.toml`` into a :class:`claimlint.lexicon.Lexicon`, with located errors.

Only a cache miss reads the table (see :mod:`claimlint.datacache`), so this module is imported
only then.
"""

from __future__ import annotations

from pathlib import Path

from claimlint import recache as rx
from claimlint.lexicon import Lexicon, LexiconError, _key

_CLASS_ID = rx.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_QUOTES = "'" * 3
_ASSIGN = rx.compile(r'\s*([\w-]+|"[^"]*")\s*=')


class LexiconReader:
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
