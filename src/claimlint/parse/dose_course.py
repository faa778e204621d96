"""How and for how long a dose is given: its route ("orally", "IV", "by mouth") and its
duration ("for 7 days", "x 5 days", "a 14-day course"), read from the words after an amount.

Part of the dose grammar (see :mod:`claimlint.parse.dose_grammar`); every pattern is linear.
"""

from __future__ import annotations

import re

from claimlint import recache as rx
from claimlint.parse.dose_cues import Gate
from claimlint.parse.dose_grammar import DASHES

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
_DURATION = (
    rf"\b(?:(?:for|x|over|during)\s+(?:up\s+to\s+|at\s+least\s+|another\s+|a\s+further\s+)?|"
    rf"up\s+to\s+|\u00d7\s*)(?P<a>{_DUR_N})(?:\s*(?:[{DASHES}]|to)\s*(?P<b>{_DUR_N}))?\s*"
    r"(?P<u>days?|d|weeks?|wks?|months?|hours?|h)\b"
    rf"|\b(?P<c>\d+)[{DASHES}](?P<cu>day|week)\s+course\b"
)
DURATION = rx.compile(_DURATION, re.I)
DURATION_LOWER = rx.compile(_DURATION)  # for an ASCII text lower-cased: nothing to fold
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


def find_duration(
    text: str, start: int, end: int, lower: str | None = None
) -> tuple[int, int, tuple[float, float] | None]:
    """(start, end, (fewest, most) days) of the first duration in ``text[start:end]``, or
    (-1, -1, None). ``lower``: ``text.lower()`` when ``text`` is ASCII (searched instead)."""
    if lower is None:
        m = DURATION.search(text, start, end)
    else:
        m = DURATION_LOWER.search(lower, start, end)
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
