"""Advice statements: a claim split into clauses, each classified and tied to drugs.

``analyze_claim`` is called for a claim when a rule first asks for its advice. The claim
sentence is cut into clauses by :mod:`claimlint.parse.advice_clauses` (at "but", "however",
";", "unless …", a trailing reason, …). "rather than Y", "instead of Y", "preferred over Y",
"in preference to Y" and "but not Y" carve Y out of the clause: Y gets its own MENTION
statement (trigger "rather than", …) and is not among the items the clause recommends or
prohibits.

Each clause is classified by :func:`claimlint.parse.advice_patterns.classify`; its conditions
and duration come from :mod:`claimlint.parse.advice_conditions`. Drugs and classes inside a
condition ("in patients taking warfarin") are not items of the clause.

Route words that mark a non-systemic use (epidural, injection, inhaled, topical,
intra-articular, …) stay in the statement text; :func:`non_systemic_routes` lists them so a
pack's ``except`` words, or a rule, can exempt such a clause.
"""

from __future__ import annotations

from operator import attrgetter

from claimlint import recache as rx
from claimlint.model import AdviceKind, AdviceStatement, Span
from claimlint.parse.advice_clauses import body_end, clauses, trim
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
_ROUTES = rx.compile(
    r"\b(?:epidural|intra-?articular|intra-?lesional|intrathecal|perineural|facet|injections?"
    r"|injected|inhaled|inhalers?|inhalation|intranasal|nasal spray|topical(?:ly)?|ophthalmic"
    r"|eye drops?|otic|ear drops?|creams?|ointments?|gels?|patch(?:es)?|suppositor(?:y|ies))\b"
)
_SPACES = rx.compile(r"\s+")
_START = attrgetter("start")


def normalize(text: str) -> str:
    """Lower case, Unicode dashes/spaces/quotes as ASCII; always the same length as ``text``."""
    if text.isascii():  # nearly every claim; _TRANS maps only characters beyond ASCII
        return text.lower()
    out = text.translate(_TRANS)
    low = out.lower()
    if len(low) != len(out):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in out)
    return low


# A claim's preparation (_prepare) by may_prohibit, kept for the analyze_claim that usually
# follows it for the same text: (text, preparation) or None. One entry, taken when used.
_prepared: tuple | None = None


def may_prohibit(text: str) -> bool:
    """False when no clause of the claim ``text`` can be a prohibition: a test that lets a rule
    skip analysing the claim. A word test on the claim first; when a prohibiting word is there,
    the same test on each clause with its conditions blanked ("… when there is no
    contraindication")."""
    global _prepared
    work = normalize(text)
    if not _may_prohibit(work):
        return False
    prep = _prepare(work)
    _prepared = (text, prep)
    return any(_may_prohibit(row[5]) for row in prep[2])


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


def _prepare(work: str) -> tuple[str, int, list[tuple]]:
    """``work``, the end of its body and, for each clause with a letter, ``(clause, start,
    end, carved spans, condition spans, masked text)``: the masked text is the clause's
    working text with its carved and condition spans blanked, what the classifier reads.
    Condition spans are offsets into the clause."""
    end = body_end(work)
    rows = []
    for clause in clauses(work, end):
        s, e = trim(work, clause.start, clause.end)
        local = work[s:e]
        if not (local[:1].isalpha() or any(c.isalpha() for c in local)):
            continue
        carved = [(cs, ce) for cs, ce, _, _ in clause.carves]
        for cs, ce in carved:
            local = blank(local, max(cs - s, 0), max(ce - s, 0))
        conds = condition_spans(local)
        masked = local
        for cs, ce in conds:
            masked = blank(masked, cs, ce)
        rows.append((clause, s, e, carved, conds, masked))
    return work, end, rows


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
    global _prepared
    ready, _prepared = _prepared, None
    work, end, rows = (
        ready[1] if ready is not None and ready[0] == text else _prepare(normalize(text))
    )
    if hits is None:
        hits = lexicon.find(text) if lexicon is not None else []
    hits = [h for h in sorted(hits, key=_START) if h.start < end]

    out: list[tuple[int, int, list]] = []
    previous: list | None = None  # [statement fields] of the last main clause
    for clause, s, e, carved, conds, masked in rows:
        kind, trig = classify(masked)
        prohibit = kind is AdviceKind.PROHIBIT
        if prohibit:
            conds = sorted(conds + time_condition_spans(masked))
        duration = duration_days(masked, prohibit=prohibit)
        excluded = [(s + a, s + b) for a, b in conds] + carved
        fields = [
            s,
            e,
            kind,
            text[s + trig[0] : s + trig[1]] if trig else "",
            _items(hits, s, e, excluded),
            [_clean(text[s + a : s + b]) for a, b in conds],
            duration,
        ]
        if clause.sep == "cond" and previous is not None:
            previous[5].append(_clean(text[s:e]))
        out.append((s, 0, fields))
        previous = fields
        for cs, ce, ts, te in clause.carves:
            cs2, ce2 = trim(work, cs, ce)
            if ce2 <= cs2:
                continue
            carve_items = _items(hits, cs2, ce2, [])
            carve = [cs2, ce2, AdviceKind.MENTION, text[ts:te], carve_items, [], None]
            out.append((cs2, 1, carve))
    if len(out) > 1:
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
        for _, _, f in out
    ]


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
