"""A structural problem that makes part of the document unreadable to claimlint.

## What it does
Reports an unclosed code fence, an unclosed HTML comment or unclosed front matter. Everything
after such an opening is not checked, so the problem is reported where it starts.

## Why is this bad?
An unclosed code fence silently turns the rest of the document into code: its claims, doses
and citations are no longer checked, and most renderers show it as code too.

## Example
```md
# Pregabalin dosing

~~~text
Pregabalin is started at 75 mg twice daily [1].

## References

1. Pregabalin prescribing information. 2020.
```

## Use instead
```md
# Pregabalin dosing

Pregabalin is started at 75 mg twice daily [1].

## References

1. Pregabalin prescribing information. 2020.
```
"""

from __future__ import annotations

from claimlint.findings import Severity, Violation
from claimlint.registry import Rule


def check(doc, ctx, opts):
    for problem in doc.problems:
        yield Violation(problem.span, problem.message)


RULE = Rule(
    code="CL002",
    name="parse-problem",
    summary="Unclosed code fence, comment or front matter",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__,
)
