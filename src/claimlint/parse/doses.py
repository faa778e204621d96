"""Dose mentions of one claim sentence: find amounts, attach drugs, normalize, give roles.

``extract_doses`` runs the :data:`~claimlint.parse.dose_grammar.AMOUNT` prefilter (a number or
range followed by a dose unit) and parses only the short window around each hit: the basis and
"per" right after the unit, then frequency, divided doses, route and duration up to the next
amount, drug or clause boundary. Durations, scores, percentages and lab values ("CrCl 30-60
mL/min", "mg/dL") never become mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimlint.model import DoseMention, DoseRole, Span
from claimlint.parse import dose_grammar as G
from claimlint.parse.dose_roles import SEQUENCE, blank_parentheses, classify

_DIGIT = re.compile(r"\d")
_CLAUSE_END = re.compile(r";")
_TO_END = re.compile(r"^[^\d;]*\bto\s*$")
# Cues just before an amount that say how often it is given or what it is per.
_BEFORE = re.compile(
    r"(?:\b(?P<loading>loading(?:\s+dose)?)|\b(?P<single>single(?:\s+dose)?|one[\s\u2010-]time"
    r"(?:\s+dose)?|stat(?:\s+dose)?)|\b(?P<daily>(?:total\s+)?daily\s+(?:dose|total|amount)"
    r"(?:\s+(?:of|is))?(?:\s+[^\s\d]+){0,2}))(?:\s+of)?\s*$",
    re.I,
)
_TAIL_STOP = re.compile(
    r"[;:]|,\s|\.(?=\s+[A-Z]|\s*$)|\s[\u2013\u2014-]\s|\b(?:then|followed\s+by|but|while|"
    r"whereas|if|unless|when)\b",
    re.I,
)
_OF_DRUG = re.compile(
    r"\s*(?:of\s+)?(?:(?:the|oral|iv|intravenous|im|sc|po|topical|extended[\u2010-]release|"
    r"er|sr|xr|ir)\s+)?$",
    re.I,
)
_TAIL_MAX = 100


@dataclass(frozen=True, slots=True)
class _Amount:
    start: int
    end: int  # after the unit, basis and "per"
    low: float
    high: float
    unit: str
    basis: str
    per: str
    follows: bool = False  # the "150 mg" of "from 75 to 150 mg": same role as the amount before


def _amount(
    text: str, start: int, unit_end: int, lo_raw: str, hi_raw: str | None, lo_unit: str, unit: str
) -> _Amount | None:
    post = G.POST.match(text, unit_end)
    end = post.end() if post else unit_end
    if G.CONCENTRATION.match(text, end):
        return None
    canon, factor = G.canonical_unit(unit)
    lo_canon, lo_factor = G.canonical_unit(lo_unit)
    if lo_canon != canon:
        return None
    per = G.per_name(post.group("per") if post else None)
    if canon == "mL" and per == "minute":
        return None  # mL/min is a clearance, not a dose
    low = G.number(lo_raw) * lo_factor
    high = G.number(hi_raw) * factor if hi_raw else low
    low, high = (round(min(low, high), 9), round(max(low, high), 9))
    basis = G.basis_name(post.group("basis") if post else None)
    return _Amount(start, end, low, high, canon, basis, per)


def find_amounts(text: str) -> list[_Amount]:
    """Every dose amount in ``text`` ("150-300 mg", "1 g", "5 mg/kg/day"), in order."""
    out: list[_Amount] = []
    for m in G.AMOUNT.finditer(text):
        lo, hi, sep = m.group("lo"), m.group("hi"), (m.group("sep") or "").lower()
        lou, unit = m.group("lou"), m.group("unit")
        before = text[max(0, m.start() - 10) : m.start()].rstrip().lower()
        split = (sep == "and" and not before.endswith("between")) or (
            sep == "to" and before.endswith("from")
        )
        if not split:
            a = _amount(text, m.start(), m.end(), lo, hi, lou or unit, unit)
            if a:
                out.append(a)
            continue
        # "5 mg and 10 mg", "from 75 to 150 mg": two amounts, not a range
        if lou or sep == "to":
            first_end = m.end("lou") if lou else m.end("lo")
            a = _amount(text, m.start(), first_end, lo, None, lou or unit, lou or unit)
            if a:
                out.append(a)
        a = _amount(text, m.start("hi"), m.end(), hi, None, unit, unit)
        if a:
            out.append(replace(a, follows=sep == "to"))
    return out


def _closed_parens(text: str) -> list[tuple[int, int]]:
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            spans.append((stack.pop(), i + 1))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    best = None
    for s, e in spans:
        if s < pos < e and (best is None or s > best[0]):
            best = (s, e)
    return best


def extract_doses(
    text: str, offset: int, lexicon, *, section: int = 0, claim: int | None = None
) -> list[DoseMention]:
    """The dose mentions of one claim sentence; spans are document offsets (``offset`` + local)."""
    if not _DIGIT.search(text):
        return []
    amounts = find_amounts(text)
    if not amounts:
        return []
    drugs = sorted((h for h in lexicon.find(text) if h.kind == "drug"), key=lambda h: h.start)
    parens = _closed_parens(text)
    blanked = blank_parentheses(text)
    clause_starts = [0] + [m.end() for m in _CLAUSE_END.finditer(text)]
    attached = [
        _attach(text, i, amounts, drugs, parens, clause_starts) for i in range(len(amounts))
    ]
    out: list[DoseMention] = []
    for i, a in enumerate(amounts):
        clause_start = max(c for c in clause_starts if c <= a.start)
        nxt = amounts[i + 1].start if i + 1 < len(amounts) else len(text)
        drug = attached[i]
        own_paren = _inside(a.start, parens)
        seg_start = max(clause_start, amounts[i - 1].end if i else 0)
        if own_paren and own_paren[0] >= seg_start:
            segment = (
                blank_parentheses(text[seg_start : own_paren[0]]) + text[own_paren[0] : a.start]
            )
        else:
            segment = blank_parentheses(text[seg_start : a.start])
        head = segment if own_paren else blanked[clause_start : a.start]
        sentence = blanked
        if own_paren:  # the amount's own parenthesis stays visible
            s, e = own_paren
            sentence = blanked[:s] + text[s:e] + blanked[e:]
        tail_end = _tail_end(text, a, nxt, drugs, parens, drug)
        mention = _mention(text, offset, a, tail_end, drug, segment, section, claim)
        sequence = (
            drug is not None
            and i + 1 < len(amounts)
            and attached[i + 1] == drug
            and _CLAUSE_END.search(text, a.end, nxt) is None
            and SEQUENCE.search(text, a.end, nxt) is not None
        )
        prev = out[-1] if out else None
        maintenance = mention.frequency == "loading dose" or (
            prev is not None and prev.frequency == "loading dose" and prev.drug == drug
        )
        role, population = classify(
            segment, head, text[a.end : tail_end], sentence, sequence, maintenance
        )
        if (
            prev is not None
            and prev.drug == drug
            and (a.follows or (prev.role is DoseRole.TITRATION and _TO_END.search(segment)))
        ):  # "from 75 to 150 mg", "from 300 mg at bedtime to 900 mg three times daily"
            role, population = prev.role, prev.population
        out.append(replace(mention, role=role, population=population))
    return out


def _attach(text, i, amounts, drugs, parens, clause_starts) -> str | None:
    """The drug an amount belongs to: "of <drug>" right after it, else the nearest drug
    before it in the clause (outside closed parentheses), else a drug right after it."""
    a = amounts[i]
    clause_start = max(c for c in clause_starts if c <= a.start)
    following = next((h for h in drugs if h.start >= a.end), None)
    gap = text[a.end : following.start] if following else ""
    adjacent = following is not None and _OF_DRUG.fullmatch(gap) is not None
    if adjacent and gap.strip().lower().startswith("of"):
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


def _tail_end(text, a: _Amount, nxt: int, drugs, parens, drug) -> int:
    end = min(nxt, a.end + _TAIL_MAX, len(text))
    stop = _TAIL_STOP.search(text, a.end, end)
    if stop:
        end = stop.start()
    for h in drugs:
        if h.start >= a.end and h.start < end:
            gap = text[a.end : h.start]
            if not (_OF_DRUG.fullmatch(gap) and h.name == drug):
                end = h.start
            break
    own = _inside(a.start, parens)
    if own:
        end = min(end, own[1] - 1)
    return max(end, a.end)


def _mention(text, offset, a: _Amount, tail_end, drug, segment, section, claim) -> DoseMention:
    freq = G.find_frequency(text, a.end, tail_end)
    before = _BEFORE.search(segment[-60:])
    per = a.per
    if before is not None and before.group("daily") and per == "dose":
        per = "day"
    elif before is not None and not before.group("daily"):
        label = "loading dose" if before.group("loading") else "single dose"
        freq = G.Frequency(label, None, None, a.end, a.end)
    div_start, div_end, div_lo, div_hi = G.find_divided(text, a.end, tail_end)
    routes = G.find_routes(text, a.end, tail_end)
    _, _, duration = G.find_duration(text, a.end, tail_end)
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
    if route is None:
        route = _route_before(text, a, drug)
    end = max(a.end, freq.end if freq else 0, div_end)
    return DoseMention(
        span=Span(offset + a.start, offset + end),
        text=text[a.start : end],
        drug=drug,
        low=a.low,
        high=a.high,
        unit=a.unit,
        basis=a.basis,
        per=per,
        frequency=label,
        times_per_day=tpd_hi,
        per_day_low=None if pd_lo is None else round(pd_lo, 6),
        per_day_high=None if pd_hi is None else round(pd_hi, 6),
        route=route,
        duration_days=duration,
        section=section,
        claim=claim,
    )


def _route_before(text: str, a: _Amount, drug: str | None) -> str | None:
    """A route written just before the amount ("IV remdesivir 200 mg", "oral prednisone 40 mg")."""
    start = max(0, a.start - 40)
    routes = G.find_routes(text, start, a.start)
    return routes.pop() if len(routes) == 1 else None
