"""The dose grammar: amounts, units, bases, routes and durations (frequencies are in
:mod:`claimlint.parse.dose_frequency`), and how amounts are shown in messages.

Everything here is a plain ``re`` pattern plus a small normalizing function; no pattern has
nested quantifiers over the same characters, so each runs in linear time. ``AMOUNT`` is the
prefilter: a number or range followed by a dose unit. The other patterns only ever run on the
short window around an amount (see :mod:`claimlint.parse.doses`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimlint import recache as rx
from claimlint.parse.dose_cues import Gate

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|\.\d+)"
_UNIT = (
    r"(?:milligrams?|micrograms?|mcg|\u00b5g|\u03bcg|ug|mg|grams?|g|"
    r"millilit(?:er|re)s?|ml|units?|iu|meq)(?![a-z\u00b5\u03bc])"
)
AMOUNT = rx.compile(
    rf"(?<![\w.,/\u00b5\u03bc])(?P<lo>{_NUM})\s*(?:(?P<lou>{_UNIT})\s*)?"
    rf"(?:(?P<sep>[{DASHES}]|to\b|and\b)\s*(?P<hi>{_NUM})\s*)?(?P<unit>{_UNIT})",
    re.I,
)
# What may follow the unit: a per-body basis, then what the amount is stated per.
POST = rx.compile(
    r"(?:\s*(?:/|per\s+)\s*(?P<basis>kg|m2|m\u00b2|m\^2|sq\.?\s*m)(?![a-z0-9]))?"
    r"(?:\s*(?:/|per\s+|an?\s+)\s*(?P<per>day|d|24\s*h(?:ours?|rs?)?|hours?|hrs?|h|"
    r"minutes?|min|weeks?|wk|dose)(?![a-z]))?",
    re.I,
)
# A concentration or a lab value, not a dose: mg/dL, mmol/L, mg/mL, mEq/L.
CONCENTRATION = rx.compile(r"\s*/\s*(?:dl|l|ml|mmol|\u00b5mol|mol)(?![a-z])", re.I)

_MASS = {"mg": 1.0, "g": 1000.0, "mcg": 0.001}
_UNITS = {
    "mg": ("mg", 1.0),
    "milligram": ("mg", 1.0),
    "milligrams": ("mg", 1.0),
    "mcg": ("mg", 0.001),
    "\u00b5g": ("mg", 0.001),
    "\u03bcg": ("mg", 0.001),
    "ug": ("mg", 0.001),
    "microgram": ("mg", 0.001),
    "micrograms": ("mg", 0.001),
    "g": ("mg", 1000.0),
    "gram": ("mg", 1000.0),
    "grams": ("mg", 1000.0),
    "ml": ("mL", 1.0),
    "milliliter": ("mL", 1.0),
    "milliliters": ("mL", 1.0),
    "millilitre": ("mL", 1.0),
    "millilitres": ("mL", 1.0),
    "unit": ("unit", 1.0),
    "units": ("unit", 1.0),
    "iu": ("unit", 1.0),
    "meq": ("mEq", 1.0),
}
_PER = {
    "day": "day",
    "d": "day",
    "hour": "hour",
    "hours": "hour",
    "hr": "hour",
    "hrs": "hour",
    "h": "hour",
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "week": "week",
    "weeks": "week",
    "wk": "week",
    "dose": "dose",
}
PER_TO_DAY = {"day": 1.0, "hour": 24.0, "minute": 1440.0, "week": 1.0 / 7.0}


# Letters that re.IGNORECASE matches as ASCII letters but str.lower() keeps apart: without
# them a unit written "mın" or "uniTſ" would match the grammar and miss the lookup tables.
_FOLD = str.maketrans({"\u0131": "i", "\u0130": "i", "\u017f": "s", "\u212a": "k"})


def _lower(raw: str) -> str:
    return raw.translate(_FOLD).lower()


def canonical_unit(raw: str) -> tuple[str, float]:
    """('mg', factor) for a unit as written; factor converts the amount to the canonical unit."""
    return _UNITS[_lower(raw)]


def mass_factor(unit: str) -> float | None:
    """Milligrams per one ``unit`` (mg, g, mcg/µg), or None for a non-mass unit."""
    key = unit.lower().replace("\u00b5", "mc").replace("\u03bc", "mc")
    return _MASS.get(key)


def number(raw: str) -> float:
    return float(raw.replace(",", ""))


def per_name(raw: str | None) -> str:
    if not raw:
        return "dose"
    raw = _lower(raw)
    if raw.startswith("24"):
        return "day"
    return _PER[raw]


def basis_name(raw: str | None) -> str:
    if not raw:
        return ""
    return "/kg" if _lower(raw) == "kg" else "/m2"


# ---- amounts -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amount:
    start: int
    end: int  # after the unit, basis and "per"
    low: float
    high: float
    unit: str
    basis: str
    per: str
    follows: bool = False  # the "150 mg" of "from 75 to 150 mg": same role as the amount before


def _amount(
    text: str, start: int, unit_end: int, lo_raw: str, hi_raw: str | None, lo_unit: str, unit: str
) -> Amount | None:
    post = POST.match(text, unit_end)  # always matches, perhaps empty; groups: basis, per
    end = post.end()
    if CONCENTRATION.match(text, end):
        return None
    canon, factor = canonical_unit(unit)
    lo_canon, lo_factor = (canon, factor) if lo_unit is unit else canonical_unit(lo_unit)
    if lo_canon != canon:
        return None
    basis, per = post.groups()
    per = per_name(per)
    if canon == "mL" and per == "minute":
        return None  # mL/min is a clearance, not a dose
    low = number(lo_raw) * lo_factor
    high = number(hi_raw) * factor if hi_raw else low
    low, high = (round(min(low, high), 9), round(max(low, high), 9))
    return Amount(start, end, low, high, canon, basis_name(basis), per)


def find_amounts(text: str, start: int = 0) -> list[Amount]:
    """Every dose amount in ``text`` ("150-300 mg", "1 g", "5 mg/kg/day"), in order.

    ``start``: where to begin looking; an amount begins with a digit or a "." before one, so
    one less than the first digit's index finds them all."""
    out: list[Amount] = []
    for m in AMOUNT.finditer(text, start):
        lo, lou, sep, hi, unit = m.groups()  # every group of AMOUNT, in order
        split = False
        if sep is not None and len(sep) > 1:  # "to", "and"; not a dash
            sep = sep.lower()
            before = text[max(0, m.start() - 10) : m.start()].rstrip().lower()
            split = before.endswith("from") if sep == "to" else not before.endswith("between")
        if not split:
            a = _amount(text, m.start(), m.end(), lo, hi, lou or unit, unit)
            if a:
                out.append(a)
            continue
        # "5 mg and 10 mg", "from 75 to 150 mg": two amounts, not a range
        if lou or sep == "to":
            first_end = m.end("lou") if lou else m.end("lo")
            a = _amount(text, m.start(), first_end, lo, None, lou or unit, lou or unit)
            if a:
                out.append(a)
        a = _amount(text, m.start("hi"), m.end(), hi, None, unit, unit)
        if a:
            out.append(replace(a, follows=sep == "to"))
    return out


# ---- route and duration ------------------------------------------------------------------

_ROUTE_PARTS = [
    ("oral", r"\b(?:orally|oral|by\s+mouth|per\s+os)\b|(?<![A-Za-z])(?-i:PO|p\.o\.)(?![A-Za-z])"),
    ("intravenous", r"\bintravenous(?:ly)?\b|(?<![A-Za-z])(?-i:IV|i\.v\.)(?![A-Za-z])"),
    ("intramuscular", r"\bintramuscular(?:ly)?\b|(?<![A-Za-z])(?-i:IM|i\.m\.)(?![A-Za-z])"),
    (
        "subcutaneous",
        r"\bsubcutaneous(?:ly)?\b|\bsubcut\b|(?<![A-Za-z])(?-i:SC|SQ|s\.c\.)"
        r"(?![A-Za-z])",
    ),
    ("topical", r"\btopical(?:ly)?\b"),
    ("epidural", r"\bepidural(?:ly)?\b"),
    ("transdermal", r"\btransdermal(?:ly)?\b"),
    ("intrathecal", r"\bintrathecal(?:ly)?\b"),
    ("inhaled", r"\b(?:inhaled|inhalation|nebuli[sz]ed)\b"),
    ("rectal", r"\b(?:rectal(?:ly)?|per\s+rectum)\b"),
    ("sublingual", r"\bsublingual(?:ly)?\b"),
    ("intranasal", r"\bintranasal(?:ly)?\b"),
    ("intra-articular", r"\bintra[\u2010-]?articular(?:ly)?\b"),
]
ROUTE = rx.compile(
    r"(?<![a-z])(?:" + "|".join(f"(?P<{n.replace('-', '_')}>{p})" for n, p in _ROUTE_PARTS) + ")",
    re.I,
)


# Every ROUTE match contains one of these ("by mouth": "mouth", "per os": "per", "intravenous",
# "intrathecal", "intra-articular", …: "intra"; "rectal", "per rectum": "rect"); the upper-case
# abbreviations and "p.o." are case-sensitive branches.
ROUTE_GATE = Gate(
    "oral mouth per intra subcut topical epidural transdermal inhal nebuli rect sublingual",
    cased="PO p.o. IV i.v. IM i.m. SC SQ s.c.",
)


def find_routes(text: str, start: int, end: int) -> set[str]:
    return {m.lastgroup.replace("_", "-") for m in ROUTE.finditer(text, start, end)}


_DUR_N = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|ten|fourteen)"
DURATION = rx.compile(
    rf"\b(?:(?:for|x|over|during)\s+(?:up\s+to\s+|at\s+least\s+|another\s+|a\s+further\s+)?|"
    rf"up\s+to\s+|\u00d7\s*)(?P<a>{_DUR_N})(?:\s*(?:[{DASHES}]|to)\s*(?P<b>{_DUR_N}))?\s*"
    r"(?P<u>days?|d|weeks?|wks?|months?|hours?|h)\b"
    rf"|\b(?P<c>\d+)[{DASHES}](?P<cu>day|week)\s+course\b",
    re.I,
)
DURATION_GATE = Gate("for x over during up \u00d7 course")
_DUR_WORD = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
    "fourteen": 14,
}
_DUR_UNIT = {"d": 1.0, "day": 1.0, "w": 7.0, "m": 30.0, "h": 1 / 24}


def find_duration(text: str, start: int, end: int) -> tuple[int, int, tuple[float, float] | None]:
    m = DURATION.search(text, start, end)
    if m is None:
        return -1, -1, None
    if m.group("c"):
        days = float(m.group("c")) * (7.0 if m.group("cu").lower() == "week" else 1.0)
        return m.start(), m.end(), (days, days)

    def val(raw: str) -> float:
        return float(_DUR_WORD.get(raw.lower()) or float(raw))

    unit = m.group("u").lower()
    factor = _DUR_UNIT["day"] if unit.startswith("day") else _DUR_UNIT.get(unit[0], 1.0)
    a = val(m.group("a")) * factor
    b = val(m.group("b")) * factor if m.group("b") else a
    return m.start(), m.end(), (min(a, b), max(a, b))


# ---- display -------------------------------------------------------------------------------


def fmt_number(x: float) -> str:
    """600.0 → "600", 0.075 → "0.075", 1200 → "1200" (no thousands separator, no exponent)."""
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def fmt_amount(low: float, high: float, unit: str, basis: str = "", per: str = "") -> str:
    """ "300–600 mg/day", "50 mcg", "15 mg/kg/day": an amount range for a message.

    Canonical milligram amounts below 1 mg are shown in micrograms.
    """
    if unit == "mg" and 0 < high < 1:
        low, high, unit = low * 1000, high * 1000, "mcg"
    amount = fmt_number(low) if abs(high - low) < 1e-9 else f"{fmt_number(low)}–{fmt_number(high)}"
    return f"{amount} {unit}{basis}" + (f"/{per}" if per else "")
