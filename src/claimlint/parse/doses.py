"""Dose mentions of one claim sentence: find amounts, attach drugs, normalize, give roles.

``extract_doses`` runs the :data:`~claimlint.parse.dose_grammar.AMOUNT` prefilter (a number or
range followed by a dose unit) and parses only the short window around each hit: the basis and
"per" right after the unit, then frequency, divided doses, route and duration up to the next
amount, drug or clause boundary (:mod:`claimlint.parse.dose_tail`). Durations, scores,
percentages and lab values ("CrCl 30-60 mL/min", "mg/dL") never become mentions. A pattern
whose cue words the claim lacks is not searched at all (:mod:`claimlint.parse.dose_cues`); a
claim with no digit followed by a unit's first letter has no amount to look for; an ASCII
claim is read lower-cased, with patterns that need no case folding.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import attrgetter

from claimlint import recache as rx
from claimlint.model import DoseMention, DoseRole, Span
from claimlint.parse import dose_course as C
from claimlint.parse import dose_frequency as F
from claimlint.parse import dose_grammar as G
from claimlint.parse.dose_cues import Cues
from claimlint.parse.dose_grammar import Amount, find_amounts
from claimlint.parse.dose_roles import (
    EVIDENCE,
    EVIDENCE_GATE,
    SEQUENCE,
    blank_parentheses,
    classify,
    paren_spans,
)
from claimlint.parse.dose_tail import BEFORE_ENDS, BEFORE_GATE, read_tail, tail_stop

_CLAUSE_END = rx.compile(r";")
_TO_END = rx.compile(r"^[^\d;]*\bto\s*$")
_OF_DRUG = rx.compile(
    r"\s*(?:(?:tablets?|capsules?|tabs?|caps?)\s+)?(?:of\s+)?"
    r"(?:(?:the|oral|iv|intravenous|im|sc|po|topical|extended[\u2010-]release|"
    r"er|sr|xr|ir)\s+)?$",
    re.I,
)
_OF = rx.compile(r"\bof\b", re.I)
_TAIL_MAX = 100
_FORM = rx.compile(r"\s*(?:tablets?|tabs?|capsules?|caps?|pills?)\b", re.I)
_COUNT = rx.compile(r"\b(one|two|three|four|[1-4])\s+$", re.I)
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4}


def _lowered(text: str) -> str | None:
    """``text`` lower-cased when it is ASCII (the patterns then need no case folding), else None."""
    return text.lower() if text.isascii() else None


def _inside(pos: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    best = None
    for s, e in spans:
        if s < pos < e and (best is None or s > best[0]):
            best = (s, e)
    return best


MAX_AMOUNTS = 40
_START = attrgetter("start")
_EVIDENCE_BIT = EVIDENCE_GATE.bit
_BEFORE_BIT = BEFORE_GATE.bit
_DIVIDED_BIT = F.DIVIDED_GATE.bit
_ROUTE_BIT = C.ROUTE_GATE.bit
_DURATION_BIT = C.DURATION_GATE.bit


def extract_doses(
    text: str,
    offset: int,
    lexicon,
    *,
    section: int = 0,
    claim: int | None = None,
    hits=None,
) -> list[DoseMention]:
    """The dose mentions of one claim sentence; spans are document offsets (``offset`` + local)."""
    if G.UNIT_AFTER_DIGIT.search(text) is None:
        return []
    # An ASCII claim lower-cased: the patterns then need no case folding (None: the general ones).
    lower = _lowered(text)
    # A sentence with more amounts than any real regimen is not read past MAX_AMOUNTS: each
    # amount's role reads the clause before it, so an unbounded count would be quadratic.
    amounts = find_amounts(text, 0, lower)[:MAX_AMOUNTS]
    if not amounts:
        return []
    if hits is None:
        hits = lexicon.find(text)
    drugs = [h for h in hits if h.kind == "drug"]
    if len(drugs) > 1:
        drugs.sort(key=_START)
    cues = Cues(text)
    parens = paren_spans(text)
    blanked = blank_parentheses(text) if parens else text
    count = len(amounts)
    if ";" in text:
        clause_starts = [0] + [m.end() for m in _CLAUSE_END.finditer(text)]
        clauses = [clause_starts[bisect_right(clause_starts, a.start) - 1] for a in amounts]
    else:
        clauses = [0] * count
    if drugs:
        attached = [_attach(text, i, amounts, drugs, parens, clauses[i]) for i in range(count)]
    else:
        attached = [None] * count
    # The claim's gates, asked once: whether each gated pattern can match anywhere in it
    # (a ``cues`` without a mask opens every gate).
    mask = getattr(cues, "mask", -1)
    may_evidence = mask & _EVIDENCE_BIT
    before_gate = mask & _BEFORE_BIT
    gates = (mask & _DIVIDED_BIT, mask & _ROUTE_BIT, mask & _DURATION_BIT)
    lower_blanked = blanked.lower() if parens and lower is not None else lower
    freq_ok = lower is not None and F.CASED[0] not in text and F.CASED[1] not in text
    out: list[DoseMention] = []
    plain_evidence = None
    prev_end = 0  # where the amount before ends
    for i in range(count):
        a = amounts[i]
        start = a.start
        clause_start = clauses[i]
        seg_start = clause_start if clause_start > prev_end else prev_end
        prev_end = a.end
        nxt = amounts[i + 1].start if i + 1 < count else len(text)
        drug = attached[i]
        if not parens:
            own_paren = None
            segment = text[seg_start:start]
            head = text[clause_start:start]
            scan, scan_lower, tail_next = text, lower, nxt
        else:
            own_paren = _inside(start, parens)
            if own_paren and own_paren[0] >= seg_start:
                s = own_paren[0]
                segment = blank_parentheses(text[seg_start:s]) + text[s:start]
            else:
                segment = blank_parentheses(text[seg_start:start])
            # The tail is read with other parentheses blanked, so "10 mg/kg (max 600 mg) daily"
            # reaches "daily" and "(preferred over … in elderly)" says nothing about the dose.
            if own_paren:
                head, scan, scan_lower, tail_next = segment, text, lower, nxt
            else:
                head = blanked[clause_start:start]
                scan, scan_lower = blanked, lower_blanked
                tail_next = _next_visible(amounts, i, parens, len(text))
        if not may_evidence:
            evidence = False
        elif own_paren:  # the amount's own parenthesis stays visible
            s, e = own_paren
            evidence = EVIDENCE.search(blanked[:s] + text[s:e] + blanked[e:]) is not None
        else:
            if plain_evidence is None:
                plain_evidence = EVIDENCE.search(blanked) is not None
            evidence = plain_evidence
        tail_end = _tail_end(scan, scan_lower, a, tail_next, drugs, parens, drug, own_paren)
        may_before = before_gate
        if may_before and lower is not None:  # the words before must end in a cue or say daily
            words = segment[-60:].lower()
            may_before = words.rstrip().endswith(BEFORE_ENDS) or (
                "daily" in words and ("dose" in words or "total" in words or "amount" in words)
            )
        end, per, label, tpd, pd_lo, pd_hi, route, duration = read_tail(
            scan,
            scan_lower,
            scan_lower if freq_ok else None,
            a,
            tail_end,
            segment,
            may_before,
            gates,
        )
        low, high = a.low, a.high
        if _FORM.match(text, a.end):  # "250 mg tablets": a strength unless a frequency follows
            if label is None:
                continue
            count_m = _COUNT.search(text, max(0, start - 12), start)
            if count_m is not None:  # "two 500 mg tablets twice daily" is 1000 mg a dose
                raw = count_m.group(1).lower()
                n = float(_COUNTS.get(raw) or int(raw))
                low, high = round(low * n, 6), round(high * n, 6)
                pd_lo = None if pd_lo is None else round(pd_lo * n, 6)
                pd_hi = None if pd_hi is None else round(pd_hi * n, 6)
        sequence = (
            drug is not None
            and i + 1 < count
            and attached[i + 1] == drug
            and text.find(";", a.end, nxt) < 0  # same clause
            and SEQUENCE.search(text, a.end, nxt) is not None
        )
        prev = out[-1] if out else None
        maintenance = label == "loading dose" or (
            prev is not None and prev.frequency == "loading dose" and prev.drug == drug
        )
        role, population = classify(
            segment, head, text[a.end : tail_end], evidence, sequence, maintenance, cues
        )
        if (
            prev is not None
            and prev.drug == drug
            and (a.follows or (prev.role is DoseRole.TITRATION and _TO_END.search(segment)))
        ):  # "from 75 to 150 mg", "from 300 mg at bedtime to 900 mg three times daily"
            role, population = prev.role, prev.population
        out.append(
            DoseMention(
                span=Span(offset + start, offset + end),
                text=text[start:end],
                drug=drug,
                low=low,
                high=high,
                unit=a.unit,
                basis=a.basis,
                per=per,
                frequency=label,
                times_per_day=tpd,
                per_day_low=pd_lo,
                per_day_high=pd_hi,
                route=route,
                duration_days=duration,
                role=role,
                population=population,
                section=section,
                claim=claim,
            )
        )
    return out


def _attach(text, i, amounts, drugs, parens, clause_start: int) -> str | None:
    """The drug an amount belongs to: "of <drug>" right after it, else the nearest drug
    before it in the clause (outside closed parentheses), else a drug right after it."""
    a = amounts[i]
    following = None
    for h in drugs:  # in text order
        if h.start >= a.end:
            following = h
            break
    adjacent = False
    if following is not None and _OF_DRUG.fullmatch(text, a.end, following.start) is not None:
        if _OF.search(text[a.end : following.start]):
            return following.name
        adjacent = True
    pick = None  # the last drug before the amount in its clause; a visible one when there is one
    if parens:
        own = _inside(a.start, parens)
        visible = None
        for h in drugs:
            if clause_start <= h.start and h.end <= a.start:
                pick = h
                if _inside(h.start, parens) in (None, own):
                    visible = h
        if visible is not None:
            pick = visible
    else:
        for h in drugs:
            if clause_start <= h.start and h.end <= a.start:
                pick = h
    if pick is not None:
        if adjacent and any(pick.end <= b.start < a.start for b in amounts[:i]):
            return following.name
        return pick.name
    return following.name if adjacent else None


def _next_visible(amounts, i: int, parens, default: int) -> int:
    """Where the next amount outside parentheses starts."""
    for b in amounts[i + 1 :]:
        if _inside(b.start, parens) is None:
            return b.start
    return default


def _tail_end(scan: str, low, a: Amount, nxt: int, drugs, parens, drug, own) -> int:
    """Where the words that describe amount ``a`` end (``low``: see :func:`tail_stop`)."""
    end = min(nxt, a.end + _TAIL_MAX, len(scan))
    stop = tail_stop(scan, low, a.end, end)
    if stop >= 0:
        end = stop
    for h in drugs:
        if h.start >= a.end and h.start < end and (own or _inside(h.start, parens) is None):
            if h.name != drug or not _OF_DRUG.fullmatch(scan, a.end, h.start):
                end = h.start
            break
    if own:
        end = min(end, own[1] - 1)
    return max(end, a.end)
