"""Advice statements: a claim split into clauses, each classified and tied to drugs.

``analyze_claim`` is called by the parser for every claim. A claim sentence is cut into
clauses at "but", "however", "although", "though", "whereas", "instead", ";", a spaced
dash and a trailing reason (", as …", "because …"); "unless …" and "except …" start a
clause whose text also becomes a condition of the clause before it. "rather than Y",
"instead of Y", "preferred over Y", "in preference to Y" and "but not Y" carve Y out of the
clause: Y gets its own MENTION statement (trigger "rather than", …) and is not among the
items the clause recommends or prohibits.

Each clause is classified by :func:`claimlint.parse.advice_patterns.classify`; its conditions
and duration come from :mod:`claimlint.parse.advice_conditions`. Drugs and classes inside a
condition ("in patients taking warfarin") are not items of the clause.

Route words that mark a non-systemic use (epidural, injection, inhaled, topical,
intra-articular, …) stay in the statement text; :func:`non_systemic_routes` lists them so a
pack's ``except`` words, or a rule, can exempt such a clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimlint import recache as rx
from claimlint.model import AdviceKind, AdviceStatement, Span
from claimlint.parse.advice_conditions import condition_spans, duration_days, time_condition_spans
from claimlint.parse.advice_patterns import blank, classify
from claimlint.parse.advice_patterns import may_prohibit as _may_prohibit

_TRANS = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
        "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    }
)  # fmt: skip

# One \b before the branches that start at a word (order kept) is faster than one in each.
_SPLIT = rx.compile(
    r"(?P<plain>;|\b(?:but\b(?!\s+not\b)|however\b|whereas\b|(?:even\s+)?though\b"
    r"|although\b|instead\b(?!\s+of\b)(?=\s*,?\s*[a-z]))"
    r"|(?<![\d\s])\s+-{1,2}\s+(?![\d\s])"
    r"|,\s*(?:as|because|since|given that)\b(?!\s+(?:needed|tolerated|well|directed|appropriate"
    r"|required|indicated|above|below|follows|such|a\b|an\b|the first|first|second|adjunct"
    r"|monotherapy|add-on|part|soon|long|much|many|early|late|possible|noted|before|usual))"
    r"|\bbecause\b(?!\s+of\b))"
    r"|(?P<cond>\b(?:unless|except)\b)"
    r"|(?P<excl>\b(?:rather than|instead of|in preference to|preferred\s+(?P<over>over)"
    r"|but not)\b)"
)
_TRAILING_MARKERS = rx.compile(
    r"(?:\s*\[[^\[\]\n]{1,200}\])+[\s.]*$"
    r"|(?<=[.)\]])\s*\d{1,3}(?:\s*[,-]\s*\d{1,3}){0,9}\s*\.?\s*$"
    r"|(?<=[a-z%])\s+\d{1,3}(?:\s*,\s*\d{1,3}){1,9}\s*\.?\s*$"
)
_ROUTES = rx.compile(
    r"\b(?:epidural|intra-?articular|intra-?lesional|intrathecal|perineural|facet|injections?"
    r"|injected|inhaled|inhalers?|inhalation|intranasal|nasal spray|topical(?:ly)?|ophthalmic"
    r"|eye drops?|otic|ear drops?|creams?|ointments?|gels?|patch(?:es)?|suppositor(?:y|ies))\b"
)
_SPACES = rx.compile(r"\s+")
# _may_split: every _SPLIT match contains one of these, a spaced dash or a comma before "as".
_SPLIT_WORDS = (
    ";", "but", "however", "whereas", "though", "instead", "because", "since", "given that",
    "unless", "except", "rather than", "in preference to", "preferred",
)  # fmt: skip
_SPACED_DASH = rx.compile(r"\s-")
_COMMA_AS = rx.compile(r",\s*as")
_BRACKETS = rx.compile(r"[()\[\]]")


def normalize(text: str) -> str:
    """Lower case, Unicode dashes/spaces/quotes as ASCII; always the same length as ``text``."""
    out = text.translate(_TRANS)
    low = out.lower()
    if len(low) != len(out):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in out)
    return low


def may_prohibit(text: str) -> bool:
    """False when no clause of the claim ``text`` can be a prohibition: a cheap test that lets
    a rule skip analysing the claim."""
    return _may_prohibit(normalize(text))


def non_systemic_routes(text: str) -> tuple[str, ...]:
    """Route words in ``text`` that mark a local, non-systemic use (epidural, inhaled, …)."""
    return tuple(dict.fromkeys(m.group(0) for m in _ROUTES.finditer(normalize(text))))


def locate_item(statement: AdviceStatement, item: str, lexicon, near: str = "") -> tuple[Span, str]:
    """Where a statement names ``item`` and the words used: the mention nearest to the words
    ``near`` (a trigger, a duration) when given, else the first; the whole statement when
    the lexicon does not find it."""
    hits = [
        h for h in (lexicon.find(statement.text) if lexicon is not None else ()) if h.name == item
    ]
    if not hits:
        return statement.span, item
    anchor = normalize(statement.text).find(normalize(near)) if near else -1
    hit = min(hits, key=lambda h: abs(h.start - anchor)) if anchor >= 0 else hits[0]
    start = statement.span.start
    return Span(start + hit.start, start + hit.end), hit.surface


@dataclass
class _Clause:
    start: int
    end: int
    sep: str = ""  # "", "plain", "cond"
    carves: list[tuple[int, int, int, int]] = field(default_factory=list)


def analyze_claim(
    text: str,
    offset: int,
    lexicon,
    *,
    section: int = 0,
    claim: int | None = None,
    hits=None,
) -> list[AdviceStatement]:
    """The advice statements (one per clause) of a claim whose text starts at ``offset``.
    ``hits``: ``lexicon.find(text)`` when the caller has it already."""
    work = normalize(text)
    end = _body_end(work)
    clauses = _clauses(work, end)
    if hits is None:
        hits = lexicon.find(text) if lexicon is not None else []
    hits = sorted(hits, key=lambda h: h.start)
    hits = [h for h in hits if h.start < end]

    out: list[tuple[int, int, AdviceStatement]] = []
    previous: list | None = None  # [statement fields] of the last main clause
    for clause in clauses:
        s, e = _trim(work, clause.start, clause.end)
        if not any(c.isalpha() for c in work[s:e]):
            continue
        local = work[s:e]
        carved = [(cs, ce) for cs, ce, _, _ in clause.carves]
        for cs, ce in carved:
            local = blank(local, max(cs - s, 0), max(ce - s, 0))
        conds = condition_spans(local)
        masked = local
        for cs, ce in conds:
            masked = blank(masked, cs, ce)
        kind, trig = classify(masked)
        prohibit = kind is AdviceKind.PROHIBIT
        if prohibit:
            conds = sorted(conds + time_condition_spans(masked))
        duration = duration_days(masked, prohibit=prohibit)
        excluded = [(s + a, s + b) for a, b in conds] + carved
        items = _items(hits, s, e, excluded)
        fields = [
            s,
            e,
            kind,
            text[s + trig[0] : s + trig[1]] if trig else "",
            items,
            [_clean(text[s + a : s + b]) for a, b in conds],
            duration,
        ]
        if clause.sep == "cond" and previous is not None:
            previous[5].append(_clean(text[s:e]))
        out.append((s, 0, fields))  # type: ignore[arg-type]
        previous = fields
        for cs, ce, ts, te in clause.carves:
            cs2, ce2 = _trim(work, cs, ce)
            if ce2 <= cs2:
                continue
            carve_items = _items(hits, cs2, ce2, [])
            carve = [cs2, ce2, AdviceKind.MENTION, text[ts:te], carve_items, [], None]
            out.append((cs2, 1, carve))  # type: ignore[arg-type]
    out.sort(key=lambda row: (row[0], row[1]))
    return [
        AdviceStatement(
            span=Span(offset + f[0], offset + f[1]),
            text=text[f[0] : f[1]],
            kind=f[2],
            trigger=f[3],
            items=tuple(f[4]),
            conditions=tuple(c for c in f[5] if c),
            duration_days=f[6],
            section=section,
            claim=claim,
        )
        for _, _, f in out  # type: ignore[misc]
    ]


def _body_end(work: str) -> int:
    """The end of the claim's text without trailing citation markers ("… daily 1, 4", "[2]")."""
    end = len(work)
    for _ in range(3):
        if not _may_end_in_marker(work, end):
            break
        # markers sit at the very end: searching only the last 300 characters keeps a long
        # run of spaces from being rescanned from every position
        m = _TRAILING_MARKERS.search(work, max(0, end - 300), end)
        if not m or m.start() == 0:
            break
        end = m.start()
    return end


def _may_end_in_marker(work: str, end: int) -> bool:
    r"""False when ``_TRAILING_MARKERS`` cannot match in ``work[end - 300:end]`` (_body_end):
    every match ends in "]" or a digit followed only by whitespace and dots (``[\s.]*``,
    ``\s*\.?\s*``; ``$`` may also stand before a final newline, whitespace too)."""
    i, stop = end, max(0, end - 300)
    while i > stop and (work[i - 1] == "." or work[i - 1].isspace()):
        i -= 1
    return i > stop and (work[i - 1] == "]" or work[i - 1].isdecimal())


def _may_split(work: str) -> bool:
    """False when ``_SPLIT`` cannot match ``work``, so that the claim is one clause."""
    for word in _SPLIT_WORDS:
        if word in work:
            return True
    return _SPACED_DASH.search(work) is not None or _COMMA_AS.search(work) is not None


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


def _clauses(work: str, end: int) -> list[_Clause]:
    if not _may_split(work):
        return [_Clause(0, end)]
    depth = _depths(work, end)
    cuts: list[tuple[int, int, str]] = []
    excl: list[re.Match] = []
    for m in _SPLIT.finditer(work, 0, end):
        if m.lastgroup == "excl":
            excl.append(m)
        elif depth[m.start()] == 0:
            cuts.append((m.start(), m.end(), m.lastgroup or "plain"))
    clauses = [_Clause(0, cuts[0][0] if cuts else end)]
    for i, (cs, ce, kind) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else end
        clauses.append(_Clause(cs if kind == "cond" else ce, stop, kind))
    for m in excl:
        clause = next((c for c in clauses if c.start <= m.start() < c.end), None)
        if clause is None:
            continue
        start = m.start("over") if m.group("over") else m.start()
        scope = _scope_end(work, m.end(), clause.end, depth)
        clause.carves.append((start, scope, m.start(), m.end()))
    return clauses


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


def _trim(work: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (work[start].isspace() or work[start] in ",;:.-\u2022*"):
        start += 1
    while end > start and (work[end - 1].isspace() or work[end - 1] in ",;:.-"):
        end -= 1
    return start, end


def _items(hits, start: int, end: int, excluded: list[tuple[int, int]]) -> list[str]:
    names: list[str] = []
    for hit in hits:
        if not (start <= hit.start < end):
            continue
        if any(a <= hit.start < b for a, b in excluded):
            continue
        if hit.name not in names:
            names.append(hit.name)
    return names


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ,;.")
