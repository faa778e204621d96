"""A bibliography entry missing a field its type requires.

## What it does
Reports entries without a title, and entries of types that need them without author (or
editor), year (or date), journal, booktitle, publisher, school or institution, following the
standard BibTeX styles. Fields inherited through `crossref`/`xref` count; crossref cycles are
not followed twice.

## Why is this bad?
A reference without author, title or year cannot be found by a reader or an editor checking
it, and is a common sign of an entry invented or pasted without its source.

## Example
```bib
@article{nsaid2018,
  title = {NSAIDs for acute low back pain},
  year = {2018},
}
```

## Use instead
```bib
@article{nsaid2018,
  author = {Doe, Jane and Roe, Richard},
  title = {NSAIDs for acute low back pain},
  journal = {Spine},
  year = {2018},
}
```
"""

from __future__ import annotations

from claimlint.findings import Severity
from claimlint.registry import Rule
from claimlint.rules._bibproblems import violations


def check(bib_file, ctx, opts):
    yield from violations(bib_file, "incomplete")


RULE = Rule(
    code="CL206",
    name="incomplete-bib-entry",
    summary="Bibliography entry missing a required field",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__,
    scope="bibliography",
)
