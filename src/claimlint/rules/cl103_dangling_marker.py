"""A citation marker that points to no entry of the document's reference list.

## What it does
Reports each numeric marker whose number is not in the References list, and each footnote
marker without a definition. Pandoc citekeys are checked against the bibliography by CL201.

## Why is this bad?
A claim that cites a reference that does not exist is worse than an uncited one: it looks
supported. Dangling markers are typical of text pasted from elsewhere and of references that
were deleted.

## Example
```md
# Duloxetine

Duloxetine 60 mg daily improves chronic low back pain modestly [3].

## References

1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.
```

## Use instead
```md
# Duloxetine

Duloxetine 60 mg daily improves chronic low back pain modestly [1].

## References

1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.
```
"""

from __future__ import annotations

from claimlint.findings import Severity, Violation
from claimlint.model import MarkerKind
from claimlint.registry import Rule


def check(doc, ctx, opts):
    labels = doc.references_by_label
    count = len(doc.references)
    for marker in doc.markers:
        if marker.kind == MarkerKind.CITEKEY or marker.label in labels:
            continue
        if marker.kind == MarkerKind.FOOTNOTE:
            yield Violation(marker.span, f"footnote [^{marker.label}] has no definition")
        elif count:
            yield Violation(
                marker.span,
                f"citation {marker.label} points to no reference (the list has {count})",
            )
        else:
            yield Violation(
                marker.span,
                f"citation {marker.label} points to no reference"
                " (the document has no References list)",
            )


RULE = Rule(
    code="CL103",
    name="dangling-marker",
    summary="Citation marker pointing to no reference",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
)
