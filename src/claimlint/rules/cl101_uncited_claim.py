"""A claim in the answer body that carries no citation marker.

## What it does
Reports each sentence (or bullet) of the answer body that has no citation marker. In a
paragraph whose other sentences are cited, only the uncited sentence is reported. Headings,
questions, lines ending in a colon, fragments of fewer than three words, page chrome, the
reference list and anything after it are not claims. A sentence with a malformed marker is
left to CL102.

## Why is this bad?
Every clinical statement must be traceable to its source; an uncited dose or recommendation
cannot be checked by an editor, and readers cannot tell evidence from opinion.

## Example
```md
# Acute sciatica

Naproxen 500 mg twice daily is a first-line option [1]. Pregabalin is started at 75 mg
twice daily. Duloxetine 60 mg daily is an alternative [1].

## References

1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.
```

## Use instead
```md
# Acute sciatica

Naproxen 500 mg twice daily is a first-line option [1]. Pregabalin is started at 75 mg
twice daily [1]. Duloxetine 60 mg daily is an alternative [1].

## References

1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.
```

## Options
- `min-words` (default 3): shorter sentences are not treated as claims.
- `scope` (default `"sentence"`): `"paragraph"` accepts one citation for a whole paragraph or
  bullet, for long-form manuscripts where a paragraph discusses one cited study.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimlint.findings import Severity, Violation
from claimlint.registry import Rule


@dataclass(frozen=True)
class Options:
    min_words: int = 3
    scope: str = "sentence"


def check(doc, ctx, opts: Options):
    if opts.scope not in ("sentence", "paragraph"):
        raise ValueError(
            f"uncited-claim scope must be 'sentence' or 'paragraph', not {opts.scope!r}"
        )
    malformed = [m.span for m in doc.malformed_markers]
    cited_blocks = {c.block for c in doc.claims if c.is_cited}
    for claim in doc.claims:
        if claim.is_cited or len(claim.text.split()) < opts.min_words:
            continue
        if opts.scope == "paragraph" and claim.block in cited_blocks:
            continue
        if any(claim.span.overlaps(span) for span in malformed):
            continue  # a citation was attempted; CL102 reports it
        text = " ".join(claim.text.split())
        preview = text if len(text) <= 60 else text[:57] + "…"
        yield Violation(claim.span, f'claim has no citation: "{preview}"')


RULE = Rule(
    code="CL101",
    name="uncited-claim",
    summary="Claim without a citation marker",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
    options=Options,
)
