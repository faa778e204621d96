"""Conditions ("if …", "in pregnancy", "beyond 2 weeks") and durations ("for 6 weeks") of a
clause, found on the clause's working copy (lower case, normalized dashes).

Offsets are local to the clause. Durations are in days, ``(low, high)``; an open-ended
duration in a recommendation ("continue beyond 2 weeks") has ``high = inf``.
"""

from __future__ import annotations

import math
import re

from claimlint import recache as rx
from claimlint.textscan import holds_any as _gate  # a module global, which tests can patch

_NUM = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?)"
_RANGE = _NUM + r"(?:\s*(?:-|to|or)\s*" + _NUM + r")?"
_UNIT = r"(?:days?|d|weeks?|wks?|months?|mos?|years?|yrs?)\b"
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
}  # fmt: skip

# A condition runs to the next comma, semicolon or bracket, or to a word that starts a reason
# or another condition.
_REST = (
    r"(?:(?!\b(?:because|due to|since|given|as a result|if|when|unless|whereas|which|while)\b)"
    r"[^,;()\[\]])"
)
_COND_SUB = rx.compile(
    r"\b(?:if|when|whenever|unless|except|until|where|in case of|provided(?: that)?"
    r"|as long as)\b" + _REST + r"{0,200}"
)
_COND_POP = rx.compile(
    r"\b(?:in|for|during|among)\s+(?:the\s+|a\s+|an\s+)?(?:(?:very\s+)?(?:elderly|frail|older"
    r"|pregnan\w*|breast-?feeding|lactating|nursing)\b|(?:patients?|people|persons?|adults?"
    r"|children|child|infants?|neonates?|adolescents?|women|woman|men|individuals|those|anyone"
    r"|users?)\s+(?:with|who|over|aged|older|younger|under|above|below|at|on|taking|receiving"
    r"|having|of|allergic|intolerant|unable|not|already|currently|previously|>|<|\u2265|\u2264)\b"
    r"|(?:the\s+)?(?:first|second|third) trimester|pregnancy"
    r"|lactation|renal (?:impairment|failure)|hepatic (?:impairment|failure)"
    r"|(?:[\w-]+\s+){1,2}allerg(?:y|ies)\b)" + _REST + r"{0,160}"
)
_COND_WITH = rx.compile(
    r"\bwith\s+(?:a\s+)?(?:(?:known|severe|moderate|significant|advanced|active|end-stage)\s+)?"
    r"(?:history of|renal|hepatic|kidney|liver|creatinine|egfr|crcl|gfr|heart failure|ckd"
    r"|cirrhosis|bleeding|peptic|qt|cardiac|cardiovascular|asthma|copd|dementia|pregnancy"
    r"|allergy|hypersensitivity)\b" + _REST + r"{0,160}"
)
_COND_AGE = rx.compile(
    r"\b(?:aged|over|older than|above|under|younger than)\s+(?:the age of\s+)?"
    r"(?:\u2265|>=|>|<|\u2264)?\s*\d{1,3}\b(?!\s*(?:-\s*\d+\s*)?(?:mg|mcg|g|ml|%|" + _UNIT + r"))"
    r"(?:\s*(?:years?|yrs?|y)\b)?(?:\s+(?:and|or)\s+(?:older|over|above|younger))?"
)
_COND_BEFORE = rx.compile(
    r"\b(?:" + _RANGE + r"\s*(?:hours?|days?|weeks?)\s+)?(?:before|prior to)\b" + _REST + r"{1,120}"
)
_COND_CASES = rx.compile(
    r"\b(?:for|in)\s+(?:cases|situations|settings|patients|people)\s+(?:where|when|in which)\b"
    + _REST
    + r"{0,160}"
)
# A population as the subject: "Patients taking warfarin must not …", "Older adults should …".
_COND_SUBJECT = rx.compile(
    r"^[\W\d]*(?:(?:older|elderly|frail|pregnant)\s+(?:adults|patients|people|persons|women)\b"
    r"|(?:patients?|people|adults|children|women|men|those|anyone|individuals)\s+(?:with|who"
    r"|taking|on|receiving|over|aged|older|under)\b[^,;()\[\]]{0,120}?(?=\s+(?:should|must"
    r"|may|can|do|does|need|needs|are|is|cannot|can't|shouldn't|mustn't|have|has)\b))"
)
# An event: "after a gastric bleed", "after taking diazepam" (not "after a week").
_COND_EVENT = rx.compile(
    r"\b(?:after|following)\s+(?:taking|starting|using|receiving|stopping|surgery"
    r"|(?:a|an|the|recent|previous|prior|any)\s+(?!(?:few\s+|couple\s+of\s+)?(?:days?|weeks?"
    r"|months?|years?|hours?|doses?)\b))" + _REST + r"{0,120}"
)
_COND_CRCL = rx.compile(
    r"\b(?:crcl|creatinine clearance|egfr|gfr)\s*(?:is\s+)?(?:<|\u2264|below|under|less than)"
    + _REST
    + r"{0,80}"
)
_DIGIT = rx.compile(r"\d")

# Each pattern with its gates, cheap tests that skip it for most clauses: every match of the
# pattern contains one of the first words (the words it starts with, or must name), one of the
# second words when given, and a digit when the flag is set. tests/test_advice_gates.py checks
# that the gates change nothing. _COND_POP has no gate: testing its many words costs more than
# running it; _COND_SUBJECT is anchored and runs once (condition_spans).
_CONDITIONS = (
    (_COND_SUB, ("if", "when", "unless", "except", "until", "where", "in case of", "provided",
                 "as long as"), (), False),
    (_COND_POP, (), (), False),
    (_COND_WITH, ("with",), ("history of", "renal", "hepatic", "kidney", "liver", "creatinine",
                             "gfr", "crcl", "heart failure", "ckd", "cirrhosis", "bleeding",
                             "peptic", "qt", "cardi", "asthma", "copd", "dementia", "pregnancy",
                             "allergy", "hypersensitivity"), False),
    (_COND_AGE, ("aged", "over", "older than", "above", "under", "younger than"), (), True),
    (_COND_BEFORE, ("before", "prior to"), (), False),
    (_COND_CASES, ("cases", "situations", "settings", "patients", "people"),
                  ("where", "when", "in which"), False),
    (_COND_EVENT, ("after", "following"), (), False),
    (_COND_CRCL, ("crcl", "creatinine clearance", "gfr"), (), False),
)  # fmt: skip

# Time conditions of a prohibition ("beyond 1-2 weeks", "for more than 5 days").
_OPEN_TIME = rx.compile(
    r"\b(?:beyond|after|past|longer than|(?:for\s+)?(?:more|longer) than|exceeding|over)\s+"
    r"(" + _RANGE + r")[\s-]*(" + _UNIT + r")|>\s*(" + _RANGE + r")[\s-]*(" + _UNIT + r")"
)
_FOR_TIME = rx.compile(
    r"\b(?:for|over|x|during|up to|for up to|for at least|for a total of|limited to|limit to"
    r"|no longer than|a maximum of|maximum of)\s*"
    r"(" + _RANGE + r")[\s-]*(" + _UNIT + r")|\u00d7\s*(" + _RANGE + r")[\s-]*(" + _UNIT + r")"
    r"|\b(" + _RANGE + r")[\s-]*(day|week|month)s?\s+(?:course|trial|taper|regimen|supply)\b"
)
# Their gates: a match starts with one of the words (the lead word, "×", ">"; "exceed" covers
# "exceeding", "x" "maximum of", "limit" "limited to"; "for …" forms contain "for") or ends with
# one ("… course", "… trial"), and holds a number (_has_number).
_OPEN_WORDS = ("beyond", "after", "past", "longer than", "more than", "exceed", "over", ">")
_FOR_WORDS = (
    "for", "over", "x", "during", "up to", "limit", "no longer than", "\u00d7", "course",
    "trial", "taper", "regimen", "supply",
)  # fmt: skip
_NUMBER_WORDS = tuple(w for w in _WORDS if len(w) > 2)  # one … twelve, not a/an
_A_UNIT = rx.compile(r"an?[\s-]*" + _UNIT)


def condition_spans(work: str) -> list[tuple[int, int]]:
    """Non-overlapping spans of the conditions in a clause (population, "if …", …)."""
    found = []
    for pattern, words, more, digit in _CONDITIONS:
        if (words and not _gate(work, words)) or (more and not _gate(work, more)):
            continue
        if digit and not _found(_DIGIT, work):
            continue
        for m in pattern.finditer(work):
            found.append(_strip(work, m.start(), m.end()))
    # anchored at the start (``^``, no MULTILINE): at most one match, at 0
    m = _COND_SUBJECT.match(work)
    if m:
        found.append(_strip(work, m.start(), m.end()))
    return _merge(found)


def time_condition_spans(work: str) -> list[tuple[int, int]]:
    """Spans of open-ended time limits ("beyond 2 weeks"): conditions of a prohibition."""
    if not (_gate(work, _OPEN_WORDS) and _has_number(work)):
        return []
    return [(m.start(), m.end()) for m in _OPEN_TIME.finditer(work)]


def is_time_condition(text: str) -> bool:
    """True when a condition is only a time limit ("beyond 1-2 weeks", "after 3 weeks")."""
    from claimlint.parse.advice import normalize

    return bool(_OPEN_TIME.fullmatch(normalize(text).strip()))


def duration_text(text: str) -> str:
    """The words of the first duration in a clause ("for 6 weeks"), or ""."""
    from claimlint.parse.advice import normalize

    work = normalize(text)
    found = [m for p in (_OPEN_TIME, _FOR_TIME) for m in p.finditer(work)]
    first = min(found, key=lambda m: m.start(), default=None)
    return text[first.start() : first.end()] if first else ""


def duration_days(work: str, *, prohibit: bool) -> tuple[float, float] | None:
    """The first duration of a clause, in days.

    In a prohibition the open-ended limit is the duration ("beyond 1-2 weeks" → (7, 14)); in
    other clauses a closed duration ("for 6 weeks", "after 1-2 weeks") is read as written and
    an open-ended one ("beyond 2 weeks") as ``(14, inf)``.
    """
    best: tuple[int, tuple[float, float]] | None = None
    opens = _gate(work, _OPEN_WORDS)
    fors = _gate(work, _FOR_WORDS)
    if not ((opens or fors) and _has_number(work)):
        return None
    for m in _OPEN_TIME.finditer(work) if opens else ():
        low, high = _days(m.group(1) or m.group(3), m.group(2) or m.group(4))
        word = m.group(0).split()[0]
        if not prohibit and word not in ("after", "past"):
            high = math.inf
        best = _first(best, m.start(), (low, high))
    for m in _FOR_TIME.finditer(work) if fors else ():
        number = m.group(1) or m.group(3) or m.group(5)
        unit = m.group(2) or m.group(4) or m.group(6)
        best = _first(best, m.start(), _days(number, unit))
    return best[1] if best else None


def _found(pattern: re.Pattern, work: str) -> bool:
    return pattern.search(work) is not None


def _has_number(work: str) -> bool:
    r"""False when ``work`` holds no ``_NUM`` that a unit follows: no digit, no number word, and
    no "a"/"an" followed by ``[\s-]*`` and a unit (``_A_UNIT``)."""
    return _found(_DIGIT, work) or _gate(work, _NUMBER_WORDS) or _found(_A_UNIT, work)


def _first(best, start, value):
    if best is None or start < best[0]:
        return (start, value)
    return best


def _days(number: str, unit: str) -> tuple[float, float]:
    parts = re.split(r"\s*(?:-|to|or)\s*", number.strip())
    values = [_WORDS.get(p) or float(p) for p in parts if p]
    unit = unit.lower()
    if unit.startswith("w"):
        factor = 7.0
    elif unit.startswith("mo"):
        factor = 30.0
    elif unit.startswith("y"):
        factor = 365.0
    else:
        factor = 1.0
    return (min(values) * factor, max(values) * factor)


def _strip(work: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (work[end - 1].isspace() or work[end - 1] in ".-:"):
        end -= 1
    return start, end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
