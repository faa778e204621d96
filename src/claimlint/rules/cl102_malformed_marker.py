"""A citation marker that cannot be read as intended.

## What it does
Reports numeric groups such as `[3-1]`, `[1;2]` or `[0]`, ranges over 100 references, and
pandoc citation groups whose items are separated by commas or lack their own `@`
(`[@smith2020, @doe2021]`, `[@smith2020; 10.1000/xyz]`).

## Why is this bad?
A malformed marker renders as literal text or cites fewer sources than the author meant, so the
claim looks cited while it is not.

## Example
```md
# Celecoxib

Celecoxib 200 mg daily has fewer gastrointestinal effects than naproxen [2-1].

## References

1. Celecoxib prescribing information. 2021.
2. Selective COX-2 inhibitors and gastrointestinal safety. 2019.
```

## Use instead
```md
# Celecoxib

Celecoxib 200 mg daily has fewer gastrointestinal effects than naproxen [1, 2].

## References

1. Celecoxib prescribing information. 2021.
2. Selective COX-2 inhibitors and gastrointestinal safety. 2019.
```
"""

from __future__ import annotations

from claimlint.findings import Severity, Violation
from claimlint.registry import Rule


def check(doc, ctx, opts):
    for bad in doc.malformed_markers:
        yield Violation(bad.span, f"malformed citation: {bad.reason}")


RULE = Rule(
    code="CL102",
    name="malformed-marker",
    summary="Citation marker that cannot be read as intended",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
)
