"""A suppression comment that suppresses nothing, or names no known rule.

## What it does
Reports `<!-- claimlint-disable… -->` comments that name an unknown rule code or name, and
(after all rules ran) those that did not suppress any finding.

## Why is this bad?
A stale suppression hides the next real problem on that line; a misspelt code suppresses
nothing while looking as if it did.

## Example
```md
# Naproxen

<!-- claimlint-disable-next-line CL101 -- cited below -->
Naproxen 500 mg twice daily is a first-line option for acute low back pain [1].

## References

1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.
```

## Use instead
```md
# Naproxen

Naproxen 500 mg twice daily is a first-line option for acute low back pain [1].

## References

1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.
```
"""

from __future__ import annotations

from claimlint.findings import Severity, Violation
from claimlint.registry import Rule


def check(doc, ctx, opts):
    from claimlint.rules import ALL_RULES

    known_codes = [r.code for r in ALL_RULES]
    known_names = {r.name for r in ALL_RULES}
    for sup in doc.suppressions:
        for code in sup.codes:
            if code in known_names or any(c.startswith(code.upper()) for c in known_codes):
                continue
            if code.upper() == "ALL":
                continue
            yield Violation(sup.span, f"suppression names unknown rule '{code}'")


RULE = Rule(
    code="CL003",
    name="unused-suppression",
    summary="Suppression comment that suppresses nothing or names no rule",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__,
)
