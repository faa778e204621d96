"""A recommended course longer than an advice pack allows.

## What it does
For the advice packs whose topics occur in the document's title or front-matter
`conditions:`, takes the entries with a `max_duration` (for example skeletal muscle
relaxants in low back pain: 2 weeks). Every clause that recommends, permits or suggests one
of the entry's items with a duration ("continue baclofen for 6 weeks", "beyond 2 weeks") is
reported when the longest duration it allows exceeds the limit. "After 1-2 weeks" or "for up
to 2 weeks" respects a 2-week limit. A clause with one of the entry's `except` words
("spasticity") is not reported.

The duration is read per clause, so a clause that gives two drugs two different durations is
judged by the first duration it states.

## Why is this bad?
Beyond the limit the treatment has no evidence of benefit and keeps its harms (for muscle
relaxants: sedation, falls, dependence).

## Example
```md
# Acute low back pain

Continue baclofen for 6 weeks [1].

## References

1. Noninvasive treatments for low back pain. Example Guideline Group. 2024.
```

## Use instead
```md
# Acute low back pain

Continue baclofen for 1 week, then stop it [1].

## References

1. Noninvasive treatments for low back pain. Example Guideline Group. 2024.
```

## Options
- `hedges` (default true): also check suggestions ("consider … for 4 weeks").
- `permits` (default true): also check permissions ("… can be used for 4 weeks").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claimlint.findings import Severity, Violation
from claimlint.registry import Rule


@dataclass(frozen=True)
class Options:
    hedges: bool = True
    permits: bool = True


def _days(value: float) -> str:
    if value % 7 == 0 and value >= 14:
        return f"{value / 7:g} weeks"
    return f"{value:g} days" if value != 1 else "1 day"


def describe(duration: tuple[float, float]) -> str:
    """(42, 42) → "6 weeks", (21, 28) → "3-4 weeks", (5, 7) → "5-7 days", (14, inf)."""
    low, high = duration
    if math.isinf(high):
        return f"more than {_days(low)}"
    if low == high:
        return _days(high)
    if low % 7 == 0 and high % 7 == 0:
        return f"{low / 7:g}-{high / 7:g} weeks"
    return f"{low:g}-{high:g} days"


def check(doc, ctx, opts: Options):
    from claimlint.parse.advice import locate_item
    from claimlint.parse.advice_conditions import duration_text
    from claimlint.rules.cl401_forbidden_advice import candidate_statements, positive_kinds

    topic = doc.topic_text
    entries = [e for e in ctx.packs.matching(topic) if e.limits_duration]
    if not entries:
        return
    kinds = positive_kinds(opts)
    for st in candidate_statements(doc, entries, ctx.lexicon, phrases=False):
        if st.kind not in kinds or st.duration_days is None:
            continue
        reported: set[str] = set()
        for entry in entries:
            if st.duration_days[1] <= entry.max_duration_days:
                continue
            if not entry.applies(topic, st.text) or entry.exempting_word(st.text):
                continue
            for item in entry.forbidden_items(st.items, ctx.lexicon):
                if item in reported:
                    continue
                reported.add(item)
                span, surface = locate_item(st, item, ctx.lexicon, near=duration_text(st.text))
                message = (
                    f"'{surface}' is advised for {describe(st.duration_days)}, longer than the "
                    f"{entry.max_duration} that advice {entry.id} ({entry.cite}) allows: "
                    f"{entry.message}"
                )
                yield Violation(span, message, severity=entry.severity)


RULE = Rule(
    code="CL403",
    name="duration-limit",
    summary="A recommended course longer than an advice pack allows",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__,
    options=Options,
    status="stable",
)
