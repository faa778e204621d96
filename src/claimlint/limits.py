"""Labelled maximum daily doses, read from ``rules/dose-limits.toml``.

Each ``[[limit]]`` table gives one drug's highest total daily dose from its US label, optionally
for one route, population or indication, and cites a ``bib/labels.bib`` key. Amounts are kept in
canonical units: masses in mg (g and mcg are converted), "unit" for units, "mEq". The field list
is documented in the data file's header.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimlint import recache as rx
from claimlint.config import ConfigError
from claimlint.tomlfile import read_toml

TYPE_CHECKING = False  # typing itself costs ~5 ms to import

if TYPE_CHECKING:
    from claimlint.lexicon import Lexicon

__all__ = ["DoseLimit", "DoseLimits", "LimitsError", "load_dose_limits", "normalize_route"]

# Written unit -> (canonical unit, factor to the canonical unit).
_UNITS = {
    "mg": ("mg", 1.0),
    "g": ("mg", 1000.0),
    "mcg": ("mg", 0.001),
    "µg": ("mg", 0.001),
    "μg": ("mg", 0.001),
    "ug": ("mg", 0.001),
    "units": ("unit", 1.0),
    "unit": ("unit", 1.0),
    "meq": ("mEq", 1.0),
}
_BASES = ("", "/kg", "/m2")
# Route as written (lower case, no dots) -> canonical route.
_ROUTES = {
    alias: route
    for route, aliases in {
        "oral": ("oral", "orally", "po", "by mouth"),
        "iv": ("iv", "intravenous", "intravenously"),
        "im": ("im", "intramuscular", "intramuscularly"),
        "subcutaneous": ("subcutaneous", "subcutaneously", "sc", "sq", "subcut"),
        "intranasal": ("intranasal", "nasal"),
        "transdermal": ("transdermal",),
        "rectal": ("rectal",),
        "sublingual": ("sublingual",),
        "topical": ("topical",),
        "inhaled": ("inhaled",),
        "intrathecal": ("intrathecal",),
    }.items()
    for alias in aliases
}
_CANONICAL_ROUTES = tuple(sorted(set(_ROUTES.values())))
_ROUTE_LABELS = {"iv": "IV", "im": "IM"}
_FIELDS = frozenset(
    ("drug", "max_per_day", "unit", "basis", "route", "population", "indication", "source", "note")
)
_REQUIRED = ("drug", "max_per_day", "unit", "source")
_HEADER = rx.compile(r"^\s*\[\[\s*limit\s*\]\]")


class LimitsError(ConfigError):
    """The dose-limit file is malformed: ``<file>:<line>: <key>: <problem>``."""


def normalize_route(route: str | None) -> str | None:
    """The canonical route for a written one ("PO" -> "oral", "intravenous" -> "iv"), or None
    when the route is missing or not one this module knows."""
    if not route:
        return None
    return _ROUTES.get(" ".join(route.lower().replace(".", "").split()))


def _number(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True, slots=True)
class DoseLimit:
    """One labelled maximum daily dose."""

    drug: str
    max_per_day: float
    unit: str  # canonical: "mg", "unit" or "mEq"
    basis: str = ""  # "" or "/kg" or "/m2"
    route: str | None = None
    population: str | None = None
    indication: str | None = None
    source: str = ""  # bib key
    line: int = 0  # line of the [[limit]] header in dose-limits.toml, for messages

    def describe(self) -> str:
        """E.g. "600 mg/day", "60 mg/kg/day", "120 mg/day (IV; 65 years or older)"."""
        text = f"{_number(self.max_per_day)} {self.unit}{self.basis}/day"
        qualifiers = [
            _ROUTE_LABELS.get(self.route, self.route) if self.route else "",
            self.population or "",
            f"for {self.indication}" if self.indication else "",
        ]
        shown = "; ".join(q for q in qualifiers if q)
        return f"{text} ({shown})" if shown else text


class DoseLimits:
    """All dose limits, by drug. Build with :func:`load_dose_limits`."""

    __slots__ = ("_by_drug", "_lexicon", "_limits")

    def __init__(self, limits: tuple[DoseLimit, ...], lexicon: Lexicon | None = None) -> None:
        self._limits = limits
        self._lexicon = lexicon
        by_drug: dict[str, list[DoseLimit]] = {}
        for limit in limits:
            by_drug.setdefault(limit.drug, []).append(limit)
        self._by_drug = {drug: tuple(found) for drug, found in by_drug.items()}

    def __iter__(self) -> Iterator[DoseLimit]:
        return iter(self._limits)

    def __len__(self) -> int:
        return len(self._limits)

    def __repr__(self) -> str:
        return f"<DoseLimits {len(self._limits)} limits for {len(self._by_drug)} drugs>"

    @property
    def drugs(self) -> frozenset[str]:
        return frozenset(self._by_drug)

    def entries(self, drug: str) -> tuple[DoseLimit, ...]:
        """Every limit for a drug (any name the lexicon knows), including population- and
        indication-specific ones, in file order."""
        return self._by_drug.get(self._generic(drug), ())

    def for_drug(self, drug: str, route: str | None = None) -> DoseLimit | None:
        """The limit that applies to a dose of ``drug`` by ``route``.

        With a route: that route's general limit, else the drug's route-independent one (None if
        the drug only has limits for other routes). Without a route: the route-independent limit,
        else the highest route-specific one, since a dose above it exceeds every route's limit.
        Population- and indication-specific limits are never returned here; see ``entries``.
        """
        general = [
            limit
            for limit in self.entries(drug)
            if limit.population is None and limit.indication is None
        ]
        wanted = normalize_route(route) if route else None
        if wanted is not None:
            for limit in general:
                if limit.route == wanted:
                    return limit
        for limit in general:
            if limit.route is None:
                return limit
        if route or not general:
            return None
        if len({(limit.unit, limit.basis) for limit in general}) != 1:
            return None
        return max(general, key=lambda limit: limit.max_per_day)

    def _generic(self, drug: str) -> str:
        if self._lexicon is not None:
            found = self._lexicon.canonical(drug)
            if found is not None and found in self._lexicon.drugs:
                return found
        return drug.strip().lower()


@functools.cache
def _default_path() -> Path:
    from claimlint.data import rules_dir

    return rules_dir() / "dose-limits.toml"


def load_dose_limits(path: Path | str | None = None, lexicon: Lexicon | None = None) -> DoseLimits:
    """Load (once per path and lexicon) the dose limits; the default is the shipped table,
    checked against the default lexicon."""
    if lexicon is None:
        from claimlint.lexicon import load_lexicon

        lexicon = load_lexicon()
    return _load(Path(path).resolve() if path is not None else _default_path(), lexicon)


@functools.lru_cache(maxsize=16)
def _load(path: Path, lexicon: Lexicon) -> DoseLimits:
    text, data = read_toml(path, LimitsError, "dose limits")
    return DoseLimits(_Reader(path, text, lexicon).read(data), lexicon)


class _Reader:
    """Checks each [[limit]] table and turns it into a DoseLimit, with located errors."""

    def __init__(self, path: Path, text: str, lexicon: Lexicon) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.lexicon = lexicon
        self.headers = [n for n, line in enumerate(self.lines) if _HEADER.match(line)]

    def error(self, line: int, key: str, problem: str) -> LimitsError:
        return LimitsError(f"{self.path}:{f'{line}:' if line else ''} {key}: {problem}")

    def line_of(self, index: int, key: str = "") -> int:
        """The line of the index-th [[limit]] header, or of ``key`` inside that table."""
        if len(self.headers) <= index:
            return 0
        start = self.headers[index]
        if key:
            stop = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines)
            pattern = rx.compile(rf"^\s*{re.escape(key)}\s*=")
            for number in range(start, stop):
                if pattern.match(self.lines[number]):
                    return number + 1
        return start + 1

    def read(self, data: dict) -> tuple[DoseLimit, ...]:
        unknown = sorted(set(data) - {"limit"})
        if unknown:
            raise self.error(0, unknown[0], "unknown key (expected [[limit]] tables)")
        tables = data.get("limit")
        if not isinstance(tables, list) or not tables:
            raise self.error(0, "limit", "expected one or more [[limit]] tables")
        limits = [self.limit(index, table) for index, table in enumerate(tables)]
        seen: dict[tuple, DoseLimit] = {}
        for index, limit in enumerate(limits):
            same = (limit.drug, limit.route, limit.population, limit.indication)
            if same in seen:
                raise self.error(
                    self.line_of(index, "drug"),
                    "drug",
                    f"{limit.drug} already has a limit with the same route, population and "
                    f"indication (line {seen[same].line})",
                )
            seen[same] = limit
        return tuple(limits)

    def limit(self, index: int, table: object) -> DoseLimit:
        if not isinstance(table, dict):
            raise self.error(self.line_of(index), "limit", "expected a table")
        unknown = sorted(set(table) - _FIELDS)
        if unknown:
            raise self.error(self.line_of(index, unknown[0]), unknown[0], "unknown field")
        for key in _REQUIRED:
            if key not in table or table[key] in ("", None):
                raise self.error(self.line_of(index), key, "missing (required in every limit)")
        for key in ("drug", "unit", "basis", "route", "population", "indication", "source", "note"):
            if key in table and not isinstance(table[key], str):
                raise self.error(self.line_of(index, key), key, "expected a string")
        drug = table["drug"]
        generic = self.lexicon.canonical(drug)
        if generic is None or generic not in self.lexicon.drugs:
            raise self.error(self.line_of(index, "drug"), "drug", f"unknown drug {drug!r}")
        if generic != drug:
            raise self.error(
                self.line_of(index, "drug"), "drug", f"write the generic name {generic!r}"
            )
        amount = table["max_per_day"]
        if isinstance(amount, bool) or not isinstance(amount, int | float) or amount <= 0:
            raise self.error(
                self.line_of(index, "max_per_day"),
                "max_per_day",
                f"expected a positive number, got {amount!r}",
            )
        unit = _UNITS.get(table["unit"].lower())
        if unit is None:
            raise self.error(
                self.line_of(index, "unit"),
                "unit",
                f"unknown unit {table['unit']!r} (expected mg, mcg, g, units or mEq)",
            )
        basis = table.get("basis", "")
        if basis not in _BASES:
            raise self.error(
                self.line_of(index, "basis"), "basis", f"expected '/kg' or '/m2', got {basis!r}"
            )
        route = table.get("route")
        if route is not None and normalize_route(route) != route:
            raise self.error(
                self.line_of(index, "route"),
                "route",
                f"unknown route {route!r} (expected one of {', '.join(_CANONICAL_ROUTES)})",
            )
        return DoseLimit(
            drug=drug,
            max_per_day=round(float(amount) * unit[1], 9),
            unit=unit[0],
            basis=basis,
            route=route,
            population=table.get("population"),
            indication=table.get("indication"),
            source=table["source"],
            line=self.line_of(index),
        )
