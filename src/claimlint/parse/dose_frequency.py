"""How often a dose is given: "twice daily", "BID", "q8h", "every 4-6 hours", "nightly",
"in 2 divided doses", "weekly", "as needed", "loading dose", normalized to a label and a number
of doses per day (a range when the text gives one).

Part of the dose grammar (see :mod:`claimlint.parse.dose_grammar`); every pattern is linear.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimlint import recache as rx
from claimlint.parse.dose_cues import Gate
from claimlint.parse.dose_grammar import DASHES

_WORD_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_N = r"(?:\d{1,2}|one|two|three|four|five|six)"
_DAYW = r"(?:daily|a\s+day|per\s+day|each\s+day|every\s+day|/\s*day|a\s+24[- ]hour\s+period)"
_WEEKW = r"(?:weekly|a\s+week|per\s+week|each\s+week|every\s+week|/\s*week)"
_FREQ_PARTS = [
    ("nxweek", rf"\b(?P<nw>{_N}|once|twice|thrice)(?:\s*(?:times?|x|\u00d7))?\s*{_WEEKW}"),
    ("weekly", rf"\b{_WEEKW}"),
    (
        "nxrange",
        rf"\b(?P<ra>{_N}|once|twice)\s+(?:or|to|[{DASHES}])\s+(?P<rb>{_N}|twice|thrice)"
        rf"(?:\s*(?:times|x|\u00d7))?\s*{_DAYW}",
    ),
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
# One leading look-behind lets the engine skip positions inside words before it tries the
# branches (each branch is anchored at a word start or at "/" anyway).
FREQUENCY = rx.compile(
    r"(?<![a-z0-9])(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _FREQ_PARTS) + ")", re.I
)
# FREQUENCY for an ASCII text lower-cased (``re.I`` then has nothing to fold, and is slower),
# for a claim without the case-sensitive abbreviations, whose branches are dropped here. A
# look-ahead lets through only the first two characters some branch can start with, so a
# word start that opens no branch costs one test instead of all of them
# (tests/test_dose_tail.py checks every branch's matches against it).
CASED = ("HS", "OD")
_LOWER_GUARD = (
    r"(?=[\d/q]|a[\sst]|b[.deio]|da|e[av]|f[io]|h[.o]|in|lo|mo|n[io]|on|p[.er]|s[it]|"
    r"t[.dhiw]|w[eh])"
)
_LOWER_PARTS = [
    (name, pat.replace("(?-i:HS)", "(?!)").replace("(?-i:OD)", "(?!)")) for name, pat in _FREQ_PARTS
]
FREQUENCY_LOWER = rx.compile(
    r"(?<![a-z0-9])"
    + _LOWER_GUARD
    + "(?:"
    + "|".join(f"(?P<{name}>{pat})" for name, pat in _LOWER_PARTS)
    + ")"
)
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


class Frequency(NamedTuple):
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


def find_frequency(text: str, start: int, end: int, lower: str | None = None) -> Frequency | None:
    """The first frequency in ``text[start:end]``, normalized.

    ``lower``: ``text.lower()`` when ``text`` is ASCII and holds none of :data:`CASED`, which
    is then searched instead (same result, faster)."""
    found = frequency_of(text, start, end, lower)
    return None if found is None else Frequency(*found)


def frequency_of(text: str, start: int, end: int, lower: str | None = None) -> tuple | None:
    """:func:`find_frequency` as a plain tuple (label, low, high, start, end): the dose parser
    reads it once, per amount."""
    if lower is None:
        m = FREQUENCY.search(text, start, end)
    else:
        m = FREQUENCY_LOWER.search(lower, start, end)
    if m is None:
        return None
    kind = m.lastgroup
    if kind in _FIXED:
        label, tpd = _FIXED[kind]
        if kind == "once" and "morning" in m.group(0).lower():
            label = "every morning"
        elif kind == "once" and "evening" in m.group(0).lower():
            label = "every evening"
        return (label, tpd, tpd, m.start(), m.end())
    g = m.group  # the few groups a kind reads (groupdict() would build a dict of all 33)
    if kind == "nxday":
        n = _count(g("nd"))
        word = _TIMES_WORD.get(n, f"{n} times")
        return (f"{word} daily", float(n), float(n), m.start(), m.end())
    if kind == "nxrange":
        lo, hi = _count(g("ra")), _count(g("rb"))
        if not 0 < lo < hi:
            return None
        label = "once or twice daily" if (lo, hi) == (1, 2) else f"{lo}-{hi} times daily"
        return (label, float(lo), float(hi), m.start(), m.end())
    if kind == "nxweek":
        n = _count(g("nw"))
        word = {1: "", 2: "twice ", 3: "three times "}.get(n, f"{n} times ")
        return (f"{word}weekly", n / 7, n / 7, m.start(), m.end())
    if kind in ("qnh", "everyh"):
        a = g("qa") or g("ea")
        b = g("qb") or g("eb")
        lo_h = float(a) if a else 1.0
        hi_h = float(b) if b else lo_h
        if lo_h <= 0 or hi_h <= 0:
            return None
        label = f"q{a}-{b}h" if b else f"q{int(lo_h)}h"
        # every 4-6 hours: 4 to 6 times a day at most 24/4, at least 24/6
        return (label, 24 / max(lo_h, hi_h), 24 / min(lo_h, hi_h), m.start(), m.end())
    if kind == "everyd":
        raw = g("dn").lower()
        n = {"second": 2, "third": 3}.get(raw) or int(raw)
        if n <= 0:
            return None
        return (f"every {n} days", 1 / n, 1 / n, m.start(), m.end())
    if kind == "everyw":
        raw = (g("wn") or "").lower()
        if not raw:
            return ("monthly", 1 / 30, 1 / 30, m.start(), m.end())
        n = _WORD_NUM.get(raw) or int(raw)
        if n <= 0:
            return None
        return (f"every {n} weeks", 1 / (7 * n), 1 / (7 * n), m.start(), m.end())
    return None  # pragma: no cover - every group is handled above


_DIV_N = r"(?:\d|two|three|four)"
DIVIDED = rx.compile(
    rf"(?:\b(?P<a>{_DIV_N})(?:\s*(?:[{DASHES}]|to)\s*(?P<b>{_DIV_N}))?\s*"
    r"(?:\(\s*[a-z]+\s*\)\s*)?)?\bdivided\b(?:\s+(?:daily\s+)?doses)?"
    rf"(?:\s+into\s+(?P<k>{_DIV_N})\s+(?:daily\s+)?doses)?",
    re.I,
)

DIVIDED_GATE = Gate("divided")


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
