"""The dose grammar: amounts, units, bases, frequencies, routes and durations.

Everything here is a plain ``re`` pattern plus a small normalizing function; no pattern has
nested quantifiers over the same characters, so each runs in linear time. ``AMOUNT`` is the
prefilter: a number or range followed by a dose unit. The other patterns only ever run on the
short window around an amount (see :mod:`claimlint.parse.doses`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|\.\d+)"
_UNIT = (
    r"(?:milligrams?|micrograms?|mcg|\u00b5g|\u03bcg|ug|mg|grams?|g|"
    r"millilit(?:er|re)s?|ml|units?|iu|meq)(?![a-z\u00b5\u03bc])"
)
AMOUNT = re.compile(
    rf"(?<![\w.,/\u00b5\u03bc])(?P<lo>{_NUM})\s*(?:(?P<lou>{_UNIT})\s*)?"
    rf"(?:(?P<sep>[{DASHES}]|to\b|and\b)\s*(?P<hi>{_NUM})\s*)?(?P<unit>{_UNIT})",
    re.I,
)
# What may follow the unit: a per-body basis, then what the amount is stated per.
POST = re.compile(
    r"(?:\s*(?:/|per\s+)\s*(?P<basis>kg|m2|m\u00b2|m\^2|sq\.?\s*m)(?![a-z0-9]))?"
    r"(?:\s*(?:/|per\s+|an?\s+)\s*(?P<per>day|d|24\s*h(?:ours?|rs?)?|hours?|hrs?|h|"
    r"minutes?|min|weeks?|wk|dose)(?![a-z]))?",
    re.I,
)
# A concentration or a lab value, not a dose: mg/dL, mmol/L, mg/mL, mEq/L.
CONCENTRATION = re.compile(r"\s*/\s*(?:dl|l|ml|mmol|\u00b5mol|mol)(?![a-z])", re.I)

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


def canonical_unit(raw: str) -> tuple[str, float]:
    """('mg', factor) for a unit as written; factor converts the amount to the canonical unit."""
    return _UNITS[raw.lower()]


def mass_factor(unit: str) -> float | None:
    """Milligrams per one ``unit`` (mg, g, mcg/µg), or None for a non-mass unit."""
    key = unit.lower().replace("\u00b5", "mc").replace("\u03bc", "mc")
    return _MASS.get(key)


def number(raw: str) -> float:
    return float(raw.replace(",", ""))


def per_name(raw: str | None) -> str:
    if not raw:
        return "dose"
    raw = raw.lower()
    if raw.startswith("24"):
        return "day"
    return _PER[raw]


def basis_name(raw: str | None) -> str:
    if not raw:
        return ""
    return "/kg" if raw.lower() == "kg" else "/m2"


# ---- frequency ---------------------------------------------------------------------------

_WORD_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_N = r"(?:\d{1,2}|one|two|three|four|five|six)"
_DAYW = r"(?:daily|a\s+day|per\s+day|each\s+day|every\s+day|/\s*day|a\s+24[- ]hour\s+period)"
_WEEKW = r"(?:weekly|a\s+week|per\s+week|each\s+week|every\s+week|/\s*week)"
_FREQ_PARTS = [
    ("nxweek", rf"\b(?P<nw>{_N}|once|twice|thrice)(?:\s*(?:times?|x|\u00d7))?\s*{_WEEKW}"),
    ("weekly", rf"\b{_WEEKW}"),
    ("nxday", rf"\b(?P<nd>{_N})\s*(?:times|x|\u00d7)\s*{_DAYW}"),
    ("once", rf"\bonce[\s\u2010-]*{_DAYW}|\bonce\s+(?:in\s+the\s+)?(?:morning|evening)"),
    ("twice", rf"\btwice[\s\u2010-]*{_DAYW}"),
    ("thrice", rf"\bthrice[\s\u2010-]*{_DAYW}"),
    ("bid", r"(?<![a-z])(?:b\.\s?i\.\s?d\.?|bid|b\.d\.|bd)(?![a-z])"),
    ("tid", r"(?<![a-z])(?:t\.\s?i\.\s?d\.?|tid|t\.d\.s\.?|tds)(?![a-z])"),
    ("qid", r"(?<![a-z])(?:q\.\s?i\.\s?d\.?|qid|q\.d\.s\.?|qds)(?![a-z])"),
    (
        "qhs",
        r"(?<![a-z])(?:q\.\s?h\.\s?s\.?|qhs|h\.s\.|(?-i:HS)|nocte)(?![a-z])|\bnightly\b|"
        r"\bat\s+(?:bed\s*time|night)\b|\bbefore\s+bed(?:time)?\b|\b(?:every|each)\s+night\b",
    ),
    ("qam", r"(?<![a-z])(?:q\.?\s?a\.?m\.?|qam)(?![a-z])|\b(?:every|each|in\s+the)\s+morning\b"),
    ("qpm", r"(?<![a-z])(?:q\.?\s?p\.?m\.?|qpm)(?![a-z])|\b(?:every|each|in\s+the)\s+evening\b"),
    (
        "qod",
        r"(?<![a-z])(?:q\.?\s?o\.?\s?d\.?)(?![a-z])|\bevery\s+other\s+day\b|"
        r"\bon\s+alternate\s+days\b",
    ),
    ("qd", r"(?<![a-z])(?:q\.\s?d\.?|qd|qday|(?-i:OD))(?![a-z])"),
    ("qnh", rf"\bq\s?(?P<qa>\d{{1,2}})(?:\s*[{DASHES}]\s*(?P<qb>\d{{1,2}}))?\s?h(?:rs?|ours?)?\b"),
    (
        "everyh",
        rf"\bevery\s+(?:subsequent\s+)?(?P<ea>\d{{1,2}})(?:\s*(?:[{DASHES}]|to)\s*(?P<eb>\d{{1,2}}))?\s*"
        r"(?:hours?|hrs?|h)\b|\bevery\s+hour\b|\bhourly\b",
    ),
    ("everyd", r"\bevery\s+(?P<dn>\d{1,2}|second|third)\s+days?\b"),
    ("everyw", r"\bevery\s+(?P<wn>\d{1,2}|two|three|four)\s+weeks?\b|\bmonthly\b"),
    (
        "daily",
        rf"\b{_DAYW}|\bqday\b|\bon\s+days\s+\d+\s*(?:[{DASHES}]|to|through)\s*\d+|"
        r"\bon\s+(?:each\s+(?:of\s+)?)?(?:the\s+)?(?:subsequent|following|next|remaining)"
        r"\b[^.;,]{0,20}?\bdays\b|\bon\s+each\s+(?:subsequent\s+|following\s+)?day\b",
    ),
    (
        "prn",
        r"\b(?:as\s+needed|as\s+required|when\s+required|on\s+demand)\b|"
        r"(?<![a-z])(?:prn|p\.r\.n\.?)(?![a-z])",
    ),
    ("loading", r"\bloading\s+dose\b|\bon\s+(?:day\s+(?:1|one)|the\s+first\s+day)\b"),
    (
        "single",
        r"\b(?:single|one[\s\u2010-]time|stat|one\s+dose|bolus)\b|"
        r"\bonce(?:\s+only)?(?=\s*(?:[.,;:)]|$))",
    ),
]
FREQUENCY = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in _FREQ_PARTS), re.I)
_FIXED = {
    "once": ("once daily", 1.0),
    "twice": ("twice daily", 2.0),
    "thrice": ("three times daily", 3.0),
    "bid": ("twice daily", 2.0),
    "tid": ("three times daily", 3.0),
    "qid": ("four times daily", 4.0),
    "qhs": ("at bedtime", 1.0),
    "qam": ("every morning", 1.0),
    "qpm": ("every evening", 1.0),
    "qod": ("every other day", 0.5),
    "qd": ("once daily", 1.0),
    "daily": ("once daily", 1.0),
    "prn": ("as needed", None),
    "loading": ("loading dose", None),
    "single": ("single dose", None),
    "weekly": ("weekly", 1 / 7),
}
_TIMES_WORD = {1: "once", 2: "twice", 3: "three times", 4: "four times"}


@dataclass(frozen=True, slots=True)
class Frequency:
    label: str
    low: float | None  # times per day, fewest
    high: float | None  # times per day, most
    start: int
    end: int


def _count(raw: str) -> int:
    raw = raw.lower()
    if raw in ("once", "twice", "thrice"):
        return {"once": 1, "twice": 2, "thrice": 3}[raw]
    return _WORD_NUM.get(raw) or int(raw)


def find_frequency(text: str, start: int, end: int) -> Frequency | None:
    """The first frequency in ``text[start:end]``, normalized."""
    m = FREQUENCY.search(text, start, end)
    if m is None:
        return None
    kind = m.lastgroup
    if kind in _FIXED:
        label, tpd = _FIXED[kind]
        if kind == "once" and "morning" in m.group(0).lower():
            label = "every morning"
        elif kind == "once" and "evening" in m.group(0).lower():
            label = "every evening"
        return Frequency(label, tpd, tpd, m.start(), m.end())
    g = m.groupdict()
    if kind == "nxday":
        n = _count(g["nd"])
        word = _TIMES_WORD.get(n, f"{n} times")
        return Frequency(f"{word} daily", float(n), float(n), m.start(), m.end())
    if kind == "nxweek":
        n = _count(g["nw"])
        word = {1: "", 2: "twice ", 3: "three times "}.get(n, f"{n} times ")
        return Frequency(f"{word}weekly", n / 7, n / 7, m.start(), m.end())
    if kind in ("qnh", "everyh"):
        a = g["qa"] or g["ea"]
        b = g["qb"] or g["eb"]
        lo_h = float(a) if a else 1.0
        hi_h = float(b) if b else lo_h
        if lo_h <= 0 or hi_h <= 0:
            return None
        label = f"q{a}-{b}h" if b else f"q{int(lo_h)}h"
        # every 4-6 hours: 4 to 6 times a day at most 24/4, at least 24/6
        return Frequency(label, 24 / max(lo_h, hi_h), 24 / min(lo_h, hi_h), m.start(), m.end())
    if kind == "everyd":
        raw = g["dn"].lower()
        n = {"second": 2, "third": 3}.get(raw) or int(raw)
        if n <= 0:
            return None
        return Frequency(f"every {n} days", 1 / n, 1 / n, m.start(), m.end())
    if kind == "everyw":
        raw = (g["wn"] or "").lower()
        if not raw:
            return Frequency("monthly", 1 / 30, 1 / 30, m.start(), m.end())
        n = _WORD_NUM.get(raw) or int(raw)
        if n <= 0:
            return None
        return Frequency(f"every {n} weeks", 1 / (7 * n), 1 / (7 * n), m.start(), m.end())
    return None  # pragma: no cover - every group is handled above


_DIV_N = r"(?:\d|two|three|four)"
DIVIDED = re.compile(
    rf"(?:\b(?P<a>{_DIV_N})(?:\s*(?:[{DASHES}]|to)\s*(?P<b>{_DIV_N}))?\s*"
    r"(?:\(\s*[a-z]+\s*\)\s*)?)?\bdivided\b(?:\s+(?:daily\s+)?doses)?"
    rf"(?:\s+into\s+(?P<k>{_DIV_N})\s+(?:daily\s+)?doses)?",
    re.I,
)


def find_divided(text: str, start: int, end: int) -> tuple[int, int, float | None, float | None]:
    """(start, end, fewest, most) doses a day of "in 2 divided doses", or (-1, -1, None, None)."""
    m = DIVIDED.search(text, start, end)
    if m is None:
        return -1, -1, None, None
    a = m.group("a") or m.group("k")
    if not a:
        return m.start(), m.end(), None, None
    lo = float(_WORD_NUM.get(a.lower()) or int(a))
    b = m.group("b")
    hi = float(_WORD_NUM.get(b.lower()) or int(b)) if b else lo
    return m.start(), m.end(), lo, hi


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
ROUTE = re.compile("|".join(f"(?P<{n.replace('-', '_')}>{p})" for n, p in _ROUTE_PARTS), re.I)


def find_routes(text: str, start: int, end: int) -> set[str]:
    return {m.lastgroup.replace("_", "-") for m in ROUTE.finditer(text, start, end)}


_DUR_N = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|ten|fourteen)"
DURATION = re.compile(
    rf"\b(?:(?:for|x|over|during)\s+(?:up\s+to\s+|at\s+least\s+|another\s+|a\s+further\s+)?|"
    rf"up\s+to\s+|\u00d7\s*)(?P<a>{_DUR_N})(?:\s*(?:[{DASHES}]|to)\s*(?P<b>{_DUR_N}))?\s*"
    r"(?P<u>days?|d|weeks?|wks?|months?|hours?|h)\b"
    rf"|\b(?P<c>\d+)[{DASHES}](?P<cu>day|week)\s+course\b",
    re.I,
)
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
