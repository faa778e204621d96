"""Dose mentions of one claim sentence: find amounts, attach drugs, normalize, give roles.

``extract_doses`` runs the :data:`~claimlint.parse.dose_grammar.AMOUNT` prefilter (a number or
range followed by a dose unit) and parses only the short window around each hit: the basis and
"per" right after the unit, then frequency, divided doses, route and duration up to the next
amount, drug or clause boundary. Durations, scores, percentages and lab values ("CrCl 30-60
mL/min", "mg/dL") never become mentions. A pattern whose cue words the claim lacks is not
searched at all (:mod:`claimlint.parse.dose_cues`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from claimlint import recache as rx
from claimlint.model import DoseMention, DoseRole, Span
from claimlint.parse import dose_frequency as F
from claimlint.parse import dose_grammar as G
from claimlint.parse.dose_cues import Cues, Gate
from claimlint.parse.dose_grammar import Amount, find_amounts
from claimlint.parse.dose_roles import (
    EVIDENCE,
    EVIDENCE_GATE,
    SEQUENCE,
    blank_parentheses,
    classify,
    paren_spans,
)

_DIGIT = rx.compile(r"\d")
_CLAUSE_END = rx.compile(r";")
_TO_END = rx.compile(r"^[^\d;]*\bto\s*$")
# Cues just before an amount that say how often it is given or what it is per.
_BEFORE = rx.compile(
    r"(?:\b(?P<loading>loading(?:\s+dose)?)|\b(?P<single>single(?:\s+dose)?|one[\s\u2010-]time"
    r"(?:\s+dose)?|stat(?:\s+dose)?)|\b(?P<daily>(?:total\s+)?daily\s+(?:dose|total|amount)"
    r"(?:\s+(?:of|is))?(?:\s+[^\s\d]+){0,2}))(?:\s+of)?\s*$",
    re.I,
)
_BEFORE_GATE = Gate("loading single time stat daily")  # "one-time": "time"
_TAIL_STOP = rx.compile(
    r"[;:]|,\s|\.(?=\s+[A-Z]|\s*$)|\s[\u2013\u2014-]\s|\b(?:then|followed\s+by|but|while|"
    r"whereas|if|unless|when)\b",
    re.I,
)
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


def _inside(pos: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    best = None
    for s, e in spans:
        if s < pos < e and (best is None or s > best[0]):
            best = (s, e)
    return best


MAX_AMOUNTS = 40


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
    digit = _DIGIT.search(text)
    if digit is None:
        return []
    # A sentence with more amounts than any real regimen is not read past MAX_AMOUNTS: each
    # amount's role reads the clause before it, so an unbounded count would be quadratic.
    amounts = find_amounts(text, max(0, digit.start() - 1))[:MAX_AMOUNTS]
    if not amounts:
        return []
    if hits is None:
        hits = lexicon.find(text)
    drugs = sorted((h for h in hits if h.kind == "drug"), key=lambda h: h.start)
    cues = Cues(text)
    parens = paren_spans(text)
    blanked = blank_parentheses(text)
    clause_starts = [0] + [m.end() for m in _CLAUSE_END.finditer(text)]
    clauses = [clause_starts[bisect_right(clause_starts, a.start) - 1] for a in amounts]
    attached = [_attach(text, i, amounts, drugs, parens, clauses[i]) for i in range(len(amounts))]
    out: list[DoseMention] = []
    plain_evidence = None
    may_evidence = cues(EVIDENCE_GATE)
    for i, a in enumerate(amounts):
        clause_start = clauses[i]
        nxt = amounts[i + 1].start if i + 1 < len(amounts) else len(text)
        drug = attached[i]
        own_paren = _inside(a.start, parens) if parens else None
        seg_start = max(clause_start, amounts[i - 1].end if i else 0)
        if own_paren and own_paren[0] >= seg_start:
            segment = (
                blank_parentheses(text[seg_start : own_paren[0]]) + text[own_paren[0] : a.start]
            )
        else:
            segment = blank_parentheses(text[seg_start : a.start])
        head = segment if own_paren else blanked[clause_start : a.start]
        if not may_evidence:
            evidence = False
        elif own_paren:  # the amount's own parenthesis stays visible
            s, e = own_paren
            evidence = EVIDENCE.search(blanked[:s] + text[s:e] + blanked[e:]) is not None
        else:
            if plain_evidence is None:
                plain_evidence = EVIDENCE.search(blanked) is not None
            evidence = plain_evidence
        # The tail is read with other parentheses blanked, so "10 mg/kg (max 600 mg) daily"
        # reaches "daily" and "(preferred over … in elderly)" says nothing about the dose.
        scan = text if own_paren else blanked
        tail_next = nxt if own_paren or not parens else _next_visible(amounts, i, parens, len(text))
        tail_end = _tail_end(scan, a, tail_next, drugs, parens, drug, own_paren)
        mention = _mention(text, scan, offset, a, tail_end, drug, segment, section, claim, cues)
        if _FORM.match(text, a.end):  # "250 mg tablets": a strength unless a frequency follows
            if mention["frequency"] is None:
                continue
            _times_count(mention, _COUNT.search(text, max(0, a.start - 12), a.start))
        sequence = (
            drug is not None
            and i + 1 < len(amounts)
            and attached[i + 1] == drug
            and _CLAUSE_END.search(text, a.end, nxt) is None
            and SEQUENCE.search(text, a.end, nxt) is not None
        )
        prev = out[-1] if out else None
        maintenance = mention["frequency"] == "loading dose" or (
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
        out.append(DoseMention(**mention, role=role, population=population))
    return out


def _attach(text, i, amounts, drugs, parens, clause_start: int) -> str | None:
    """The drug an amount belongs to: "of <drug>" right after it, else the nearest drug
    before it in the clause (outside closed parentheses), else a drug right after it."""
    a = amounts[i]
    following = next((h for h in drugs if h.start >= a.end), None)
    gap = text[a.end : following.start] if following else ""
    adjacent = following is not None and _OF_DRUG.fullmatch(gap) is not None
    if adjacent and _OF.search(gap):
        return following.name
    own = _inside(a.start, parens)
    before = [h for h in drugs if clause_start <= h.start and h.end <= a.start]
    visible = [h for h in before if not (_inside(h.start, parens) not in (None, own))]
    pick = (visible or before)[-1] if (visible or before) else None
    if pick is not None:
        owned = any(pick.end <= b.start < a.start for b in amounts[:i])
        if adjacent and owned:
            return following.name
        return pick.name
    return following.name if adjacent else None


def _times_count(mention: dict, count: re.Match | None) -> None:
    """ "two 500 mg tablets twice daily" is 1000 mg a dose."""
    if count is None:
        return
    raw = count.group(1).lower()
    n = float(_COUNTS.get(raw) or int(raw))
    for key in ("low", "high", "per_day_low", "per_day_high"):
        if mention[key] is not None:
            mention[key] = round(mention[key] * n, 6)


def _next_visible(amounts, i: int, parens, default: int) -> int:
    """Where the next amount outside parentheses starts."""
    for b in amounts[i + 1 :]:
        if _inside(b.start, parens) is None:
            return b.start
    return default


def _tail_end(scan: str, a: Amount, nxt: int, drugs, parens, drug, own) -> int:
    end = min(nxt, a.end + _TAIL_MAX, len(scan))
    stop = _TAIL_STOP.search(scan, a.end, end)
    if stop:
        end = stop.start()
    for h in drugs:
        if h.start >= a.end and h.start < end and (own or _inside(h.start, parens) is None):
            gap = scan[a.end : h.start]
            if not (_OF_DRUG.fullmatch(gap) and h.name == drug):
                end = h.start
            break
    if own:
        end = min(end, own[1] - 1)
    return max(end, a.end)


def _mention(text, scan, offset, a: Amount, tail_end, drug, segment, section, claim, cues) -> dict:
    """The fields of a mention except its role: amount, frequency, per-day range, route, …

    ``scan`` is the text the tail is read from (``text`` with asides blanked)."""
    freq = F.find_frequency(scan, a.end, tail_end)
    before = _BEFORE.search(segment[-60:]) if cues(_BEFORE_GATE) else None
    per = a.per
    if before is not None and before.group("daily") and per == "dose":
        per = "day"
    elif before is not None and not before.group("daily"):
        label = "loading dose" if before.group("loading") else "single dose"
        freq = F.Frequency(label, None, None, a.end, a.end)
    div_start, div_end, div_lo, div_hi = (
        F.find_divided(scan, a.end, tail_end) if cues(F.DIVIDED_GATE) else (-1, -1, None, None)
    )
    has_route = cues(G.ROUTE_GATE)
    routes = G.find_routes(scan, a.end, tail_end) if has_route else set()
    duration = G.find_duration(scan, a.end, tail_end)[2] if cues(G.DURATION_GATE) else None
    label = freq.label if freq else None
    tpd_lo, tpd_hi = (freq.low, freq.high) if freq else (None, None)
    if div_start >= 0:
        if per == "dose":
            per = "day"
        if div_lo is not None:
            tpd_lo, tpd_hi = div_lo, div_hi
            n = f"{div_lo:g}" if div_lo == div_hi else f"{div_lo:g}-{div_hi:g}"
            label = f"in {n} divided doses"
        elif tpd_hi is None:
            label = "in divided doses"
    if per == "day" and label is None:
        label = "per day"
    elif per in ("hour", "minute", "week") and label is None:
        label = f"per {per}"
    if per == "dose":
        pd_lo = a.low * tpd_lo if tpd_lo is not None else None
        pd_hi = a.high * tpd_hi if tpd_hi is not None else None
    else:
        factor = G.PER_TO_DAY[per]
        pd_lo, pd_hi = a.low * factor, a.high * factor
    route = routes.pop() if len(routes) == 1 else None
    if route is None and has_route:
        route = _route_before(scan, a)
    end = max(a.end, freq.end if freq else 0, div_end)
    return {
        "span": Span(offset + a.start, offset + end),
        "text": text[a.start : end],
        "drug": drug,
        "low": a.low,
        "high": a.high,
        "unit": a.unit,
        "basis": a.basis,
        "per": per,
        "frequency": label,
        "times_per_day": tpd_hi,
        "per_day_low": None if pd_lo is None else round(pd_lo, 6),
        "per_day_high": None if pd_hi is None else round(pd_hi, 6),
        "route": route,
        "duration_days": duration,
        "section": section,
        "claim": claim,
    }


def _route_before(text: str, a: Amount) -> str | None:
    """A route written just before the amount ("IV remdesivir 200 mg", "oral prednisone 40 mg")."""
    start = max(0, a.start - 40)
    routes = G.find_routes(text, start, a.start)
    return routes.pop() if len(routes) == 1 else None
