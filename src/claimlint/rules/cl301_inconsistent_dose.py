"""The same drug is recommended at different doses in different places of one document.

## What it does
Collects the *recommended* dose mentions of each drug (not limits, contrasts, titration steps,
population-specific doses, prohibited regimens or study results) and compares them after
normalization: mass to mg, per dose times doses per day. Mentions are compared only when they
share the drug, route (an unstated route matches any), population, unit and basis (plain mg is
never compared with mg/kg). "150–300 mg twice daily" and "300–600 mg/day" agree, "1 g" and
"1000 mg" agree, and a single dose inside a range stated elsewhere agrees. A starting dose
("begin", "start", "initiate" just before it) below the range stated elsewhere is a titration
step, not a conflict. A mention without a
daily amount (as needed, single dose) is compared per dose with mentions of the same frequency.

The statement made most often (ties: the earliest, usually the summary) is taken as the
document's own; each recommended mention in another sentence that disagrees with it is reported,
pointing at the mention(s) that state it.

## Why is this bad?
A reader who acts on the follow-up section instead of the summary gets a different dose. One of
the two is wrong, and a linter cannot tell which: the author must decide.

## Example
```md
# Sciatica

Optimize pregabalin to 150-300 mg twice daily [1].

## Follow-up

Reassess pain on pregabalin 75-150 mg twice daily after four weeks [1].

## References

1. Pharmacological management of sciatica. Example Guideline Group. 2024.
```

## Use instead
```md
# Sciatica

Optimize pregabalin to 150-300 mg twice daily [1].

## Follow-up

Reassess pain on pregabalin 300-600 mg/day after four weeks [1].

## References

1. Pharmacological management of sciatica. Example Guideline Group. 2024.
```

## Options
- `tolerance` (default 0.0): relative difference up to which two amounts count as equal, e.g.
  0.05 to accept rounding such as 33 mg vs 33.3 mg.
- `max-related` (default 3): how many agreeing mentions a finding points at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimlint import recache as rx
from claimlint.findings import Related, Severity, Violation
from claimlint.model import DoseMention, DoseRole
from claimlint.registry import Rule


@dataclass(frozen=True)
class Options:
    tolerance: float = 0.0
    max_related: int = 3


def _statement(m: DoseMention) -> tuple | None:
    """What a mention says, comparable across mentions: a daily range, or a per-dose range and
    frequency when the daily amount is unknown."""
    if m.per_day_low is not None and m.per_day_high is not None:
        return ("day", m.per_day_low, m.per_day_high)
    if m.frequency:
        return ("dose", m.low, m.high, m.frequency)
    return None


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= max(tol * max(abs(a), abs(b)), 1e-6)


def _agree(a: tuple, b: tuple, tol: float) -> bool | None:
    """True/False when two statements are comparable, None when they are not."""
    if a[0] != b[0] or (a[0] == "dose" and a[3] != b[3]):
        return None
    (alo, ahi), (blo, bhi) = a[1:3], b[1:3]
    if _close(alo, blo, tol) and _close(ahi, bhi, tol):
        return True
    a_single, b_single = _close(alo, ahi, tol), _close(blo, bhi, tol)
    if a_single and blo - tol * blo <= alo <= bhi + tol * bhi:
        return True
    return bool(b_single and alo - tol * alo <= blo <= ahi + tol * ahi)


def describe(m: DoseMention) -> str:
    from claimlint.parse.dose_grammar import fmt_amount

    if m.per_day_low is not None and m.per_day_high is not None:
        return fmt_amount(m.per_day_low, m.per_day_high, m.unit, m.basis, "day")
    return f"{fmt_amount(m.low, m.high, m.unit, m.basis)} {m.frequency or ''}".strip()


def _where(m: DoseMention) -> tuple:
    return ("claim", m.claim) if m.claim is not None else ("span", m.span.start)


_START = rx.compile(r"\b(?:start|begin|began|initiat|commenc)\w*\b", re.I)


def _starts(doc, m: DoseMention) -> bool:
    """A starting dose: "Begin pregabalin 75 mg twice daily …" (start verb shortly before)."""
    begin = doc.claims[m.claim].span.start if m.claim is not None else 0
    before = doc.text[max(begin, m.span.start - 60) : m.span.start]
    return _START.search(before) is not None


def _conflicts(doc, mentions: list[DoseMention], opts: Options) -> Iterator[tuple]:
    stated = [(m, s) for m in mentions if (s := _statement(m)) is not None]
    if len(stated) < 2:
        return
    keys = [tuple(round(x, 6) if isinstance(x, float) else x for x in s) for _m, s in stated]
    if keys.count(keys[0]) == len(keys):
        return  # every mention says the same (the usual case): nothing can disagree
    starts = {id(m) for m, _s in stated if _starts(doc, m)}
    counts: dict[tuple, list[DoseMention]] = {}
    for (m, _s), key in zip(stated, keys, strict=True):
        if id(m) not in starts or len(starts) == len(stated):
            counts.setdefault(key, []).append(m)
    reference = max(counts, key=lambda k: (len(counts[k]), -counts[k][0].span.start))
    ref_mentions = counts[reference]
    ref_places = {_where(r) for r in ref_mentions}
    for m, s in stated:
        if _where(m) in ref_places or _agree(s, reference, opts.tolerance) is not False:
            continue
        if id(m) in starts and s[0] == reference[0] and s[2] < reference[1]:
            continue  # a starting dose below the target range is a titration step
        yield m, ref_mentions


def check(doc, ctx, opts: Options):
    groups: dict[tuple, list[DoseMention]] = {}
    for m in doc.dose_mentions:
        if m.role is DoseRole.RECOMMENDED and m.drug:
            groups.setdefault((m.drug, m.population, m.unit, m.basis), []).append(m)
    reported: set[int] = set()
    for mentions in groups.values():
        routes = sorted({m.route for m in mentions if m.route}) or [None]
        for route in routes:
            same_route = [m for m in mentions if m.route in (route, None)]
            for m, refs in _conflicts(doc, same_route, opts):
                if m.span.start in reported:
                    continue
                reported.add(m.span.start)
                ref = refs[0]
                where = "elsewhere" if len(refs) == 1 else f"in {len(refs)} other places"
                related = tuple(
                    Related(r.span, f"stated here as {describe(r)}")
                    for r in refs[: max(opts.max_related, 1)]
                )
                yield Violation(
                    m.span,
                    f"{m.drug} {' '.join(m.text.split())} is {describe(m)} here, but "
                    f"{describe(ref)} {where} in this document",
                    related=related,
                )


RULE = Rule(
    code="CL301",
    name="inconsistent-dose",
    summary="The same drug is recommended at different doses in different places",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
    options=Options,
)
