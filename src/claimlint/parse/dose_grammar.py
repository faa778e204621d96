"""The dose grammar: amounts, units and bases (frequencies are in
:mod:`claimlint.parse.dose_frequency`, routes and durations in :mod:`claimlint.parse.dose_course`),
and how amounts are shown in messages.

Everything here is a plain ``re`` pattern plus a small normalizing function; no pattern has
nested quantifiers over the same characters, so each runs in linear time. ``AMOUNT`` is the
prefilter: a number or range followed by a dose unit. The other patterns only ever run on the
short window around an amount (see :mod:`claimlint.parse.doses`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimlint import recache as rx

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|\.\d+)"
_UNIT = (
    r"(?:milligrams?|micrograms?|mcg|\u00b5g|\u03bcg|ug|mg|grams?|g|"
    r"millilit(?:er|re)s?|ml|units?|iu|meq)(?![a-z\u00b5\u03bc])"
)
# ``_NUM`` with its first character taken apart, so that AMOUNT opens with a character class:
# ``re`` then skips straight to the next digit or "." instead of trying every position. The
# look-behind after that character is the "not inside a word, number or unit" test.
_NUM_REST = r"(?:(?<=\d)(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*(?:\.\d+)?)|(?<=\.)\d+)"
_AMOUNT = (
    rf"(?P<lo>[\d.](?<![\w.,/\u00b5\u03bc].){_NUM_REST})\s*(?:(?P<lou>{_UNIT})\s*)?"
    rf"(?:(?P<sep>[{DASHES}]|to\b|and\b)\s*(?P<hi>{_NUM})\s*)?(?P<unit>{_UNIT})"
)
AMOUNT = rx.compile(_AMOUNT, re.I)
# Every AMOUNT match holds a digit followed by a unit's first letter (the number's last digit,
# then the unit after it): a claim without one has no amount ("[12]", "in 2019").
UNIT_AFTER_DIGIT = rx.compile(r"\d\s*[mgiu\u00b5\u03bc]", re.I)
# What may follow the unit: a per-body basis, then what the amount is stated per.
_POST = (
    r"(?:\s*(?:/|per\s+)\s*(?P<basis>kg|m2|m\u00b2|m\^2|sq\.?\s*m)(?![a-z0-9]))?"
    r"(?:\s*(?:/|per\s+|an?\s+)\s*(?P<per>day|d|24\s*h(?:ours?|rs?)?|hours?|hrs?|h|"
    r"minutes?|min|weeks?|wk|dose)(?![a-z]))?"
)
# A concentration or a lab value, not a dose: mg/dL, mmol/L, mg/mL, mEq/L.
_CONCENTRATION = r"\s*/\s*(?:dl|l|ml|mmol|\u00b5mol|mol)(?![a-z])"
# What follows a unit, in one match: _POST (which always matches, perhaps empty), then a
# concentration right after it if there is one (group "conc").
_AFTER_UNIT = rf"{_POST}(?P<conc>{_CONCENTRATION})?"
# The amount patterns, and the same for an ASCII text lower-cased (``re.I`` has nothing to fold
# there, and costs time): same matches, same groups, lower-case. Their spellings are lower case.
_CASED = (AMOUNT, rx.compile(_AFTER_UNIT, re.I))
_LOWER = (rx.compile(_AMOUNT), rx.compile(_AFTER_UNIT))
# A non-empty _AFTER_UNIT match opens, after its spaces, with "/", "per", "a" or "an" (in any
# case). Behind a unit, then perhaps one space, any of these ASCII characters says its match
# is empty, without running it: most amounts are followed by a word like "daily" or "orally".
# (Not a space: more spaces may come; nor a non-ASCII character: re.I folds some to letters.)
NOTHING_AFTER = frozenset(chr(c) for c in range(33, 127) if chr(c) not in "/pPaA")

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
    # The table's own spelling (nearly every unit) needs no case folding.
    return _UNITS.get(raw) or _UNITS[_lower(raw)]


def mass_factor(unit: str) -> float | None:
    """Milligrams per one ``unit`` (mg, g, mcg/µg), or None for a non-mass unit."""
    key = unit.lower().replace("\u00b5", "mc").replace("\u03bc", "mc")
    return _MASS.get(key)


def rounded(x: float, digits: int) -> float:
    """``round(x, digits)``: a whole number (most amounts) is returned as it is, which is what
    ``round`` gives for it, without its conversion to decimal and back (~7x slower)."""
    return x if x.is_integer() else round(x, digits)


def number(raw: str) -> float:
    return float(raw.replace(",", "")) if "," in raw else float(raw)


def per_name(raw: str | None) -> str:
    if not raw:
        return "dose"
    per = _PER.get(raw)
    if per is not None:
        return per
    raw = _lower(raw)
    if raw.startswith("24"):
        return "day"
    return _PER[raw]


def basis_name(raw: str | None) -> str:
    if not raw:
        return ""
    return "/kg" if raw == "kg" or _lower(raw) == "kg" else "/m2"


# ---- amounts -------------------------------------------------------------------------------


class Amount(NamedTuple):
    """One amount of a claim (a named tuple: built once per amount, read many times)."""

    start: int
    end: int  # after the unit, basis and "per"
    low: float
    high: float
    unit: str
    basis: str
    per: str
    follows: bool = False  # the "150 mg" of "from 75 to 150 mg": same role as the amount before


_new_tuple = tuple.__new__  # a NamedTuple's own __new__ is a Python function around this


def _amount(
    text: str,
    start: int,
    unit_end: int,
    lo_raw: str,
    hi_raw: str | None,
    lo_unit: str,
    unit: str,
    patterns: tuple = _CASED,
) -> Amount | None:
    c = text[unit_end : unit_end + 1]
    if c == " ":
        c = text[unit_end + 1 : unit_end + 2]
    if c in NOTHING_AFTER:  # no basis, "per" or concentration follows (see NOTHING_AFTER)
        basis = per = None
        end = unit_end
    else:
        after = patterns[1].match(text, unit_end)  # always matches, perhaps empty
        basis, per, concentration = after.groups()
        if concentration is not None:
            return None
        end = after.end()
    canon, factor = _UNITS.get(unit) or canonical_unit(unit)
    lo_canon, lo_factor = (canon, factor) if lo_unit is unit else canonical_unit(lo_unit)
    if lo_canon != canon:
        return None
    per = "dose" if per is None else _PER.get(per) or per_name(per)
    if canon == "mL" and per == "minute":
        return None  # mL/min is a clearance, not a dose
    low = (float(lo_raw) if "," not in lo_raw else number(lo_raw)) * lo_factor
    if hi_raw:
        high = number(hi_raw) * factor
        low, high = (rounded(min(low, high), 9), rounded(max(low, high), 9))
    else:
        low = high = rounded(low, 9)
    basis = "" if basis is None else basis_name(basis)
    return _new_tuple(Amount, (start, end, low, high, canon, basis, per, False))  # Amount(…)


def find_amounts(text: str, start: int = 0, lower: str | None = None) -> list[Amount]:
    """Every dose amount in ``text`` ("150-300 mg", "1 g", "5 mg/kg/day"), in order.

    ``start``: where to begin looking (an amount begins with a digit or a "." before one).
    ``lower``: ``text.lower()`` when ``text`` is ASCII, which is then read instead (the same
    amounts, found faster)."""
    patterns = _CASED
    if lower is not None:
        text, patterns = lower, _LOWER
    out: list[Amount] = []
    for m in patterns[0].finditer(text, start):
        lo, lou, sep, hi, unit = m.groups()  # every group of AMOUNT, in order
        split = False
        if sep is not None and len(sep) > 1:  # "to", "and"; not a dash
            sep = sep.lower()
            before = text[max(0, m.start() - 10) : m.start()].rstrip().lower()
            split = before.endswith("from") if sep == "to" else not before.endswith("between")
        if not split:
            a = _amount(text, m.start(), m.end(), lo, hi, lou or unit, unit, patterns)
            if a:
                out.append(a)
            continue
        # "5 mg and 10 mg", "from 75 to 150 mg": two amounts, not a range
        if lou or sep == "to":
            first_end = m.end("lou") if lou else m.end("lo")
            a = _amount(text, m.start(), first_end, lo, None, lou or unit, lou or unit, patterns)
            if a:
                out.append(a)
        a = _amount(text, m.start("hi"), m.end(), hi, None, unit, unit, patterns)
        if a:
            out.append(a._replace(follows=sep == "to"))
    return out


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
