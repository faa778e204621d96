"""Advice that an advice pack for the document's topic forbids.

## What it does
Selects the advice packs (`rules/*.toml`) whose topics occur in the document's title or its
front-matter `conditions:`, then checks every clause that recommends, permits or suggests
something ("start …", "… is an option", "consider …"). A clause is reported when it names an
item an advice entry forbids: the drug itself, a drug of a forbidden class, or the class. A
clause is not reported when it contains one of the entry's `except` words (for example
"epidural" or "injection" for systemic steroids) or, for an entry with `applies_when`, when
none of those words is in the title, the conditions or the clause. Prohibitions, evidence
statements, look-alikes ("do not exceed") and excluded items ("rather than Y") are never
reported. Entries with `max_duration` are checked by CL403 instead.

The message names the advice entry and its source; the entry's `severity` is the finding's
severity when the engine supports per-finding severity.

## Why is this bad?
The document advises a treatment that the guideline it should follow advises against, for
the very condition the document is about.

## Example
```md
# Acute sciatica

Consider a short course of oral prednisone for the radicular pain [1].

## References

1. Noninvasive treatments for low back pain. Example Guideline Group. 2024.
```

## Use instead
```md
# Acute sciatica

Do not use oral prednisone for the radicular pain [1].

## References

1. Noninvasive treatments for low back pain. Example Guideline Group. 2024.
```

## Options
- `hedges` (default true): also report suggestions ("consider …", "may help").
- `permits` (default true): also report permissions ("… is an option", "can be used").
"""

from __future__ import annotations

from dataclasses import dataclass

from claimlint.findings import Severity, Violation
from claimlint.model import AdviceKind
from claimlint.registry import Rule
from claimlint.rules._lexicon_memo import LexiconMemo

VERB = {
    AdviceKind.RECOMMEND: "recommended",
    AdviceKind.PERMIT: "offered as an option",
    AdviceKind.HEDGE: "suggested",
}


@dataclass(frozen=True)
class Options:
    hedges: bool = True
    permits: bool = True


def positive_kinds(opts) -> set[AdviceKind]:
    kinds = {AdviceKind.RECOMMEND}
    if getattr(opts, "hedges", True):
        kinds.add(AdviceKind.HEDGE)
    if getattr(opts, "permits", True):
        kinds.add(AdviceKind.PERMIT)
    return kinds


# Whether some entry of a set forbids a name, per entry set: documents on one topic select the
# same entries and name the same drugs. Keyed by the entries' identities (the memo keeps them).
_FORBIDDEN = LexiconMemo(256)  # {entry ids: (entries, {name: bool})}


def _forbidden_names(entries, lexicon) -> dict[str, bool]:
    """``name -> some entry of entries forbids it``, filled as names are asked for."""
    memo = _FORBIDDEN.of(lexicon)
    key = tuple(id(e) for e in entries)
    found = memo.get(key)
    if found is None:
        found = memo[key] = (tuple(entries), {})
    return found[1]


def candidate_statements(doc, entries, lexicon, *, phrases: bool):
    """The advice statements of the claims that name an item one of ``entries`` forbids (or,
    with ``phrases``, contain one of its phrases), in document order. A statement's items are
    among its claim's lexicon hits, so the other claims need no analysis."""
    forbidden = _forbidden_names(entries, lexicon)

    def is_forbidden(name: str) -> bool:
        found = forbidden.get(name)
        if found is None:
            found = forbidden[name] = any(e.forbidden_items((name,), lexicon) for e in entries)
        return found

    # an entry without phrases finds none in any text
    with_phrases = [e for e in entries if e.phrases] if phrases else []
    for claim in doc.claims:
        if any(is_forbidden(h.name) for h in doc.hits_of(claim.index)) or (
            with_phrases and any(e.phrase_in(claim.text) for e in with_phrases)
        ):
            yield from doc.advice_of(claim.index)


def check(doc, ctx, opts: Options):
    from claimlint.parse.advice import locate_item

    topic = doc.topic_text
    entries = [e for e in ctx.packs.matching(topic) if not e.limits_duration]
    if not entries:
        return
    kinds = positive_kinds(opts)
    for st in candidate_statements(doc, entries, ctx.lexicon, phrases=True):
        if st.kind not in kinds:
            continue
        found: dict[str, list] = {}
        for entry in entries:
            if not entry.applies(topic, st.text) or entry.exempting_word(st.text):
                continue
            items = entry.forbidden_items(st.items, ctx.lexicon)
            phrase = entry.phrase_in(st.text)
            if phrase:
                items.append(phrase)
            for item in items:
                found.setdefault(item, []).append(entry)
        for item, hits in found.items():
            entry = hits[0]
            span, surface = locate_item(st, item, ctx.lexicon, near=st.trigger)
            also = f" (also {', '.join(e.id for e in hits[1:])})" if len(hits) > 1 else ""
            message = (
                f"'{surface}' is {VERB[st.kind]} here, but advice {entry.id} "
                f"({entry.cite}) says: {entry.message}{also}"
            )
            # the entry's severity; a severity the user configured for the rule still wins
            yield Violation(span, message, severity=entry.severity)


RULE = Rule(
    code="CL401",
    name="forbidden-advice",
    summary="Advice that an advice pack for the document's topic forbids",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
    options=Options,
    status="stable",
)
