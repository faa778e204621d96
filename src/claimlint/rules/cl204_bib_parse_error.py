"""A bibliography file, or a block in it, that cannot be parsed.

## What it does
Reports, at the bibliography file's own line, an unreadable or undecodable file (for example a
GBK-encoded .bib), a BibTeX block the parser has to abandon (an unterminated quote or brace),
a repeated field in one entry, and invalid CSL JSON.

## Why is this bad?
An entry the parser skipped is missing from the bibliography: every citation of it looks
fabricated, and the tools that build the document drop it silently or fail.

## Example
```bib
@article{broken2019,
  title = "Pregabalin for sciatica,
  year = {2019},
}
@string{jama = {JAMA}}
```

## Use instead
```bib
@article{broken2019,
  author = {Doe, Jane},
  title = "Pregabalin for sciatica",
  journal = {Pain},
  year = {2019},
}
```
"""

from __future__ import annotations

from claimlint.findings import Severity
from claimlint.registry import Rule
from claimlint.rules._bibproblems import violations


def check(bib_file, ctx, opts):
    yield from violations(bib_file, "parse-error")


RULE = Rule(
    code="CL204",
    name="bib-parse-error",
    summary="Bibliography file or entry cannot be parsed",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
    scope="bibliography",
)
