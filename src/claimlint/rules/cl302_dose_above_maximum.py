"""A recommended dose whose daily amount is above the drug's labelled maximum.

## What it does
For each dose mention that tells the reader what to take (recommended, titration step or
population-specific dose; not limits, contrasts, prohibitions or study results), works out the
highest daily amount (per dose times doses per day, or as stated per day) and compares it with
the maximum daily dose in the shipped dose-limit table (`rules/dose-limits.toml`) for that drug
and route. Amounts are compared in the limit's unit and basis only (mg with mg, mg/kg with
mg/kg); a mention whose daily amount is unknown (no frequency, "as needed") is not checked.

## Why is this bad?
A daily dose above the labelled maximum adds toxicity without a proven benefit. It is usually
a slip: a per-day range written as a per-dose range ("300–600 mg twice daily"), or a unit slip.

## Example
```md
# Neuropathic pain

Pregabalin 450 mg twice daily gives better relief [1].

## References

1. Pharmacological management of neuropathic pain. Example Guideline Group. 2024.
```

## Use instead
```md
# Neuropathic pain

Pregabalin 150-300 mg twice daily gives relief in most patients [1].

## References

1. Pharmacological management of neuropathic pain. Example Guideline Group. 2024.
```

## Options
- `tolerance` (default 0.0): relative margin above the maximum that is still accepted, e.g.
  0.1 for "within 10%".
"""

from __future__ import annotations

from dataclasses import dataclass

from claimlint.findings import Severity, Violation
from claimlint.model import DoseMention, DoseRole
from claimlint.registry import Rule

_CHECKED = (DoseRole.RECOMMENDED, DoseRole.TITRATION, DoseRole.POPULATION)


@dataclass(frozen=True)
class Options:
    tolerance: float = 0.0


def _limit_in(limit, m: DoseMention, mass_factor) -> float | None:
    """The limit's maximum per day in the mention's unit, or None when they do not compare
    (``mass_factor``: :func:`claimlint.parse.dose_grammar.mass_factor`, imported once per
    document by :func:`check`)."""
    if (getattr(limit, "basis", "") or "") != m.basis:
        return None
    unit = limit.unit
    if unit == m.unit:
        return float(limit.max_per_day)
    have, want = mass_factor(unit), mass_factor(m.unit)
    if have is None or want is None:
        return None
    return float(limit.max_per_day) * have / want


def check(doc, ctx, opts: Options):
    from claimlint.parse.dose_grammar import fmt_amount, mass_factor

    limits = None
    for m in doc.dose_mentions:
        if m.role not in _CHECKED or not m.drug or m.per_day_high is None:
            continue
        if limits is None:
            limits = ctx.dose_limits
        limit = limits.for_drug(m.drug, m.route)
        if limit is None:
            continue
        maximum = _limit_in(limit, m, mass_factor)
        if maximum is None or m.per_day_high <= maximum * (1 + opts.tolerance) + 1e-9:
            continue
        stated = " ".join(m.text.split())
        daily = fmt_amount(m.per_day_low, m.per_day_high, m.unit, m.basis, "day")
        amount = f"{stated} is" if m.per == "day" else f"{stated} is {daily},"
        yield Violation(
            m.span,
            f"{m.drug} {amount} above the labelled maximum of {limit.describe()}"
            f" (source: {limit.source})",
        )


RULE = Rule(
    code="CL302",
    name="dose-above-maximum",
    summary="Recommended daily dose above the drug's labelled maximum",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
    options=Options,
)
