"""Two bibliography entries (or @string macros) with the same key.

## What it does
Reports the second and later definitions of a key in a BibTeX file (or a repeated `id` in CSL
JSON), naming the line of the first.

## Why is this bad?
Which of the two entries a citation resolves to depends on the tool: BibTeX keeps the first,
others the last. A citation may silently point at the wrong paper.

## Example
```bib
@article{smith2020,
  author = {Smith, A.}, title = {Gabapentin in neuropathic pain},
  journal = {Pain}, year = {2020},
}
@article{smith2020,
  author = {Smith, B.}, title = {Duloxetine in chronic low back pain},
  journal = {Spine}, year = {2020},
}
```

## Use instead
```bib
@article{smith2020a,
  author = {Smith, A.}, title = {Gabapentin in neuropathic pain},
  journal = {Pain}, year = {2020},
}
@article{smith2020b,
  author = {Smith, B.}, title = {Duloxetine in chronic low back pain},
  journal = {Spine}, year = {2020},
}
```
"""

from __future__ import annotations

from claimlint.findings import Severity
from claimlint.registry import Rule
from claimlint.rules._bibproblems import violations


def check(bib_file, ctx, opts):
    yield from violations(bib_file, "duplicate-key")


RULE = Rule(
    code="CL205",
    name="duplicate-bib-key",
    summary="Bibliography key defined twice",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
    scope="bibliography",
)
