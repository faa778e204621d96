"""A reference-list entry that no marker cites.

## What it does
Reports each entry of the document's own References list (or footnote definition) whose
number or label is never cited in the text.

## Why is this bad?
An uncited reference suggests a claim lost its citation during editing, or pads the list with
sources that support nothing in the answer.

## Example
```md
# Naproxen

Naproxen 500 mg twice daily is a first-line option [1].

## References

1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.
2. Naproxen prescribing information. 2021.
```

## Use instead
```md
# Naproxen

Naproxen 500 mg twice daily is a first-line option [1, 2].

## References

1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.
2. Naproxen prescribing information. 2021.
```
"""

from __future__ import annotations

from claimlint.findings import Severity, Violation
from claimlint.registry import Rule


def check(doc, ctx, opts):
    cited = doc.markers_by_label
    for ref in doc.references:
        if ref.label not in cited:
            yield Violation(ref.span, f"reference {ref.label} is never cited")


RULE = Rule(
    code="CL202",
    name="unused-reference",
    summary="Reference never cited",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__,
)
