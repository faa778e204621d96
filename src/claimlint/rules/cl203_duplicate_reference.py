"""Two entries of the reference list that are the same source.

## What it does
Reports a reference whose DOI or PMID equals an earlier entry's, or whose title is the same
after normalizing case, punctuation and spacing (or nearly the same: rapidfuzz
`token_sort_ratio` ≥ 95 on titles of at least four words), unless the two carry different
DOIs or PMIDs (a series whose titles differ by a number). The earlier entry is related.

## Why is this bad?
Duplicates split the citations of one source over two numbers, so a reader checking [1] and
[4] reads the same paper twice, and a later edit fixes one copy but not the other.

## Example
```md
# Celecoxib

Celecoxib 200 mg daily is an option [1]. It has fewer gastrointestinal effects [2].

## References

1. Celecoxib and gastrointestinal safety in arthritis. 2019.
2. Celecoxib and Gastrointestinal Safety in Arthritis. 2019.
```

## Use instead
```md
# Celecoxib

Celecoxib 200 mg daily is an option [1]. It has fewer gastrointestinal effects [1].

## References

1. Celecoxib and gastrointestinal safety in arthritis. 2019.
```
"""

from __future__ import annotations

from claimlint.findings import Related, Severity, Violation
from claimlint.registry import Rule

NEAR_DUPLICATE = 95


def _keys(title: str) -> set[tuple[str, ...]]:
    """The title's sorted words with one word left out: two titles that differ in one word
    (a spelling variant, a typo) share a key, so only they are compared."""
    words = sorted(title.split())
    return {tuple(words[:i] + words[i + 1 :]) for i in range(len(words))}


def _different_ids(a, b) -> bool:
    return bool(a.doi and b.doi and a.doi != b.doi) or bool(a.pmid and b.pmid and a.pmid != b.pmid)


def check(doc, ctx, opts):
    from claimlint.parse.references import normalize_title

    seen: dict[str, object] = {}
    index: dict[tuple[str, ...], list[tuple[str, object]]] = {}
    for ref in doc.references:
        first = None
        for key in (f"doi:{ref.doi}" if ref.doi else "", f"pmid:{ref.pmid}" if ref.pmid else ""):
            if key and key in seen:
                first = seen[key]
                break
        title = normalize_title(ref.title or ref.text)
        keys = _keys(title) if len(title.split()) >= 4 else set()
        if first is None and title:
            first = seen.get(f"title:{title}")
            candidates = {id(r): (t, r) for k in keys for t, r in index.get(k, ())}
            if first is None and candidates:
                from rapidfuzz import fuzz, process

                choices = list(candidates.values())
                best = process.extractOne(
                    title,
                    [t for t, _ in choices],
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=NEAR_DUPLICATE,
                )
                if best:
                    first = choices[best[2]][1]
        if first is not None and _different_ids(ref, first):
            first = None  # same title, different DOI or PMID: two papers (a series, parts 1/2)
        if first is not None:
            yield Violation(
                ref.span,
                f"reference {ref.label} duplicates reference {first.label}",
                (Related(first.span, f"reference {first.label}"),),
            )
            continue
        for key in (
            f"doi:{ref.doi}" if ref.doi else "",
            f"pmid:{ref.pmid}" if ref.pmid else "",
            f"title:{title}" if title else "",
        ):
            if key:
                seen.setdefault(key, ref)
        for k in keys:
            index.setdefault(k, []).append((title, ref))


RULE = Rule(
    code="CL203",
    name="duplicate-reference",
    summary="Reference listed twice",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__,
)
