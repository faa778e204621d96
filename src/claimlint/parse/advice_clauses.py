"""A claim's body (its text without trailing citation markers) and its clauses, found on the
claim's working copy (lower case, normalized dashes; :func:`claimlint.parse.advice.normalize`).

A claim is cut into clauses at "but", "however", "although", "though", "whereas", "instead",
";", a spaced dash and a trailing reason (", as …", "because …"); "unless …" and "except …"
start a clause (``sep == "cond"``) whose text also becomes a condition of the clause before
it. "rather than Y", "instead of Y", "preferred over Y", "in preference to Y" and "but not Y"
are *carves* of their clause: ``(start, end)`` of the carved phrase and of its trigger words.
Cuts inside brackets do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimlint import recache as rx

# One \b before the branches that start at a word (order kept) is faster than one in each. The
# lookahead in front, which every branch implies (each starts with ";", ",", a blank or \b),
# turns away most positions inside a word at once.
_SPLIT = rx.compile(
    r"(?=[\s;,]|\b)(?:(?P<plain>;|\b(?:but\b(?!\s+not\b)|however\b|whereas\b|(?:even\s+)?though\b"
    r"|although\b|instead\b(?!\s+of\b)(?=\s*,?\s*[a-z]))"
    r"|(?<![\d\s])\s+-{1,2}\s+(?![\d\s])"
    r"|,\s*(?:as|because|since|given that)\b(?!\s+(?:needed|tolerated|well|directed|appropriate"
    r"|required|indicated|above|below|follows|such|a\b|an\b|the first|first|second|adjunct"
    r"|monotherapy|add-on|part|soon|long|much|many|early|late|possible|noted|before|usual))"
    r"|\bbecause\b(?!\s+of\b))"
    r"|(?P<cond>\b(?:unless|except)\b)"
    r"|(?P<excl>\b(?:rather than|instead of|in preference to|preferred\s+(?P<over>over)"
    r"|but not)\b))"
)
_TRAILING_MARKERS = rx.compile(
    r"(?:\s*\[[^\[\]\n]{1,200}\])+[\s.]*$"
    r"|(?<=[.)\]])\s*\d{1,3}(?:\s*[,-]\s*\d{1,3}){0,9}\s*\.?\s*$"
    r"|(?<=[a-z%])\s+\d{1,3}(?:\s*,\s*\d{1,3}){1,9}\s*\.?\s*$"
)
# _may_split: every _SPLIT match contains one of these, a spaced dash or a comma before "as".
_SPLIT_WORDS = (
    ";", "but", "however", "whereas", "though", "instead", "because", "since", "given that",
    "unless", "except", "rather than", "in preference to", "preferred",
)  # fmt: skip
_SPACED_DASH = rx.compile(r"\s-")
# _cut_matches: every _SPLIT match starts at one of these (", as", ", because", … at the comma;
# "even though" at "even"), or at the start of a run of blanks before a dash (_BLANKS_DASH).
_CUT_STARTS = (
    ";", ",", "but", "however", "whereas", "even", "though", "although", "instead", "because",
    "unless", "except", "rather than", "in preference to", "preferred",
)  # fmt: skip
_BLANKS_DASH = rx.compile(r"\s+-")
_COMMA_AS = rx.compile(r",\s*as")
_BRACKETS = rx.compile(r"[()\[\]]")


@dataclass
class Clause:
    start: int
    end: int
    sep: str = ""  # "", "plain", "cond"
    carves: list[tuple[int, int, int, int]] = field(default_factory=list)


def body_end(work: str) -> int:
    """The end of the claim's text without trailing citation markers ("… daily 1, 4", "[2]")."""
    end = len(work)
    for _ in range(3):
        if not _may_end_in_marker(work, end):
            break
        # markers sit at the very end: searching only the last 300 characters keeps a long
        # run of spaces from being rescanned from every position
        stop = max(0, end - 300)
        m = _TRAILING_MARKERS.search(work, _marker_run_start(work, end, stop), end)
        if not m or m.start() == 0:
            break
        end = m.start()
    return end


def _may_end_in_marker(work: str, end: int) -> bool:
    r"""False when ``_TRAILING_MARKERS`` cannot match in ``work[end - 300:end]`` (body_end):
    every match ends in "]" or a digit followed only by whitespace and dots (``[\s.]*``,
    ``\s*\.?\s*``; ``$`` may also stand before a final newline, whitespace too)."""
    i, stop = end, max(0, end - 300)
    while i > stop and (work[i - 1] == "." or work[i - 1].isspace()):
        i -= 1
    return i > stop and (work[i - 1] == "]" or work[i - 1].isdecimal())


def _marker_run_start(work: str, end: int, stop: int) -> int:
    """A position in ``[stop, end]`` that no ``_TRAILING_MARKERS`` match in ``work[:end]``
    starts before, so that the search can begin there rather than at ``stop`` (body_end): a
    match holds only whitespace, digits, ",", "-", "." and bracket groups (no "[", "]" or
    line break inside), so the walk back from ``end`` over those cannot stop inside one. Its
    lookbehinds still see the characters before the search's start."""
    i = end
    while i > stop:
        ch = work[i - 1]
        if ch == "]":
            i = work.rfind("[", stop, i - 1)  # the group's "[": its text holds no other
            if i < 0:
                return stop
        elif ch.isspace() or ch.isdecimal() or ch in ".,-":
            i -= 1
        else:
            break
    return i


def _may_split(work: str) -> bool:
    """False when ``_SPLIT`` cannot match ``work``, so that the claim is one clause."""
    for word in _SPLIT_WORDS:
        if word in work:
            return True
    return _SPACED_DASH.search(work) is not None or _COMMA_AS.search(work) is not None


def _cut_matches(work: str, end: int) -> list[re.Match]:
    """The matches of ``_SPLIT.finditer(work, 0, end)``, trying the pattern only where a match
    can start: its search tries every position of the claim, with a dozen branches at each
    word boundary, which costs far more than these few substring searches. A match tried at
    a position sees the text before it (its lookbehinds, ``\\b``) as the search would."""
    starts = set()
    for word in _CUT_STARTS:
        i = work.find(word, 0, end)
        while i >= 0:
            starts.add(i)
            i = work.find(word, i + 1, end)
    starts.update(m.start() for m in _BLANKS_DASH.finditer(work, 0, end))
    found: list[re.Match] = []
    for i in sorted(starts):
        if found and i < found[-1].end():
            continue  # inside the previous match, where the search would not look
        m = _SPLIT.match(work, i, end)
        if m:
            found.append(m)
    return found


def _depths(work: str, end: int) -> list[int]:
    """Bracket depth of each character of ``work[:end]`` (a bracket counts as inside)."""
    depth = pos = 0
    out: list[int] = []
    for m in _BRACKETS.finditer(work, 0, end):
        i = m.start()
        out.extend([depth] * (i - pos))
        if work[i] in "([":
            depth += 1
            out.append(depth)
        else:
            out.append(depth)
            if depth:
                depth -= 1
        pos = i + 1
    out.extend([depth] * (end - pos))
    return out


def clauses(work: str, end: int) -> list[Clause]:
    """The clauses of ``work[:end]``, in order."""
    if not _may_split(work):
        return [Clause(0, end)]
    depth = _depths(work, end)
    cuts: list[tuple[int, int, str]] = []
    excl: list[re.Match] = []
    for m in _cut_matches(work, end):
        if m.lastgroup == "excl":
            excl.append(m)
        elif depth[m.start()] == 0:
            cuts.append((m.start(), m.end(), m.lastgroup or "plain"))
    out = [Clause(0, cuts[0][0] if cuts else end)]
    for i, (cs, ce, kind) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else end
        out.append(Clause(cs if kind == "cond" else ce, stop, kind))
    for m in excl:
        clause = next((c for c in out if c.start <= m.start() < c.end), None)
        if clause is None:
            continue
        start = m.start("over") if m.group("over") else m.start()
        scope = _scope_end(work, m.end(), clause.end, depth)
        clause.carves.append((start, scope, m.start(), m.end()))
    return out


def _scope_end(work: str, start: int, limit: int, depth: list[int]) -> int:
    """Where an excluded phrase ends: a comma, a closing bracket of its level, or ``limit``."""
    level = depth[start - 1] if start else 0
    for i in range(start, limit):
        ch = work[i]
        if ch in ",;" and depth[i] <= level:
            return i
        if ch in ")]" and depth[i] == level and level > 0:
            return i
    return limit


def trim(work: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without leading or trailing blanks and separators (",;:.-", bullets)."""
    while start < end and (work[start].isspace() or work[start] in ",;:.-\u2022*"):
        start += 1
    while end > start and (work[end - 1].isspace() or work[end - 1] in ",;:.-"):
        end -= 1
    return start, end
