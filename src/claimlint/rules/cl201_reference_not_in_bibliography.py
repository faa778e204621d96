"""A citekey or reference-list entry that matches no bibliography entry.

## What it does
When the document has a bibliography (front matter `bibliography:`, `--bib`, or the
`bibliography` setting), reports each pandoc citekey that resolves to no entry, directly,
through a `[@tag:x]: doi:…` alias, or by identifier (`doi:`, `pmid:`, `pmcid:`, `arxiv:`,
`url:`), with a "did you mean" suggestion; and each entry of the document's own reference
list that matches no bibliography entry by DOI, PMID or title (fuzzy title matching with
rapidfuzz `token_set_ratio` ≥ 90 on titles of at least four words). Documents without a
bibliography are not checked by this rule.

## Why is this bad?
A reference that is not in the curated bibliography may be misspelt, outdated or fabricated;
in medical content a fabricated reference lends false authority to a claim.

## Example
```md
---
bibliography: refs.bib
---
# Sciatica

Pregabalin 150 mg twice daily reduces radicular pain in the short term [@qaseem2071].
```
```bib
@article{qaseem2017,
  author = {Qaseem, Amir and Wilt, Timothy J.},
  title = {Noninvasive Treatments for Acute, Subacute, and Chronic Low Back Pain},
  journal = {Annals of Internal Medicine},
  year = {2017},
}
```

## Use instead
```md
---
bibliography: refs.bib
---
# Sciatica

Pregabalin 150 mg twice daily reduces radicular pain in the short term [@qaseem2017].
```
```bib
@article{qaseem2017,
  author = {Qaseem, Amir and Wilt, Timothy J.},
  title = {Noninvasive Treatments for Acute, Subacute, and Chronic Low Back Pain},
  journal = {Annals of Internal Medicine},
  year = {2017},
}
```
"""

from __future__ import annotations

from claimlint.findings import Severity, Violation
from claimlint.model import MarkerKind
from claimlint.registry import Rule


def check(doc, ctx, opts):
    bib = ctx.bibliography(doc)
    if bib is None:
        return
    aliases = {name: target for name, target, _span in doc.aliases}
    seen_bad: dict[str, str] = {}
    for marker in doc.markers:
        if marker.kind != MarkerKind.CITEKEY:
            continue
        if bib.resolve(marker.label, aliases) is not None:
            continue
        if marker.label not in seen_bad:
            suggestion = bib.suggest(marker.label)
            seen_bad[marker.label] = f"; did you mean '{suggestion}'?" if suggestion else ""
        yield Violation(
            marker.span,
            f"citekey '{marker.label}' is not in the bibliography" + seen_bad[marker.label],
        )
    for ref in doc.references:
        entry, _how = bib.match_reference(ref)
        if entry is None:
            title = ref.title if len(ref.title) <= 60 else ref.title[:57] + "…"
            yield Violation(
                ref.span,
                f'reference {ref.label} ("{title}") matches no'
                " bibliography entry by DOI, PMID or title",
            )


RULE = Rule(
    code="CL201",
    name="reference-not-in-bibliography",
    summary="Citekey or reference entry not found in the bibliography",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
)
