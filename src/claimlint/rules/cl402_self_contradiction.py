"""The document recommends something it prohibits elsewhere.

## What it does
Compares the document's own advice statements. A clause that recommends, permits or suggests
an item without any condition is reported when another sentence prohibits the same item
without any condition ("Do not use benzodiazepines"). The item matches when it is the same
drug or class, or a drug of the prohibited class. The finding is at the recommendation and
points at the prohibition.

A prohibition that carries a condition ("in pregnancy", "if creatinine clearance is below
30", "unless …") is not a contradiction, except for a pure time limit ("do not continue
baclofen beyond 1-2 weeks"): a recommendation conflicts with it only when its own duration
is longer than the limit ("continue baclofen for 6 weeks"); one that respects it ("plan to
taper baclofen after 1-2 weeks") does not. Clauses of the same sentence are not compared
("avoid NSAIDs, but ibuprofen is acceptable" states an exception), nor is a recommendation
for a local route (epidural, inhaled, topical, …) that the prohibition does not mention. A
prohibition of a combination ("an ACE inhibitor and an ARB should not be combined") conflicts
only with a clause that recommends all of its items together.

## Why is this bad?
A reader cannot follow both sentences. One of them is wrong, or one of them lacks the
condition that reconciles them.

## Example
```md
# Knee osteoarthritis

Avoid tramadol in this patient [1].

Start tramadol 50 mg at night for breakthrough pain [1].

## References

1. Management of osteoarthritis. Example Guideline Group. 2024.
```

## Use instead
```md
# Knee osteoarthritis

Avoid tramadol in patients taking an SSRI [1].

Start tramadol 50 mg at night for breakthrough pain [1].

## References

1. Management of osteoarthritis. Example Guideline Group. 2024.
```

## Options
- `hedges` (default true): also compare suggestions ("consider …") with prohibitions.
- `permits` (default true): also compare permissions ("… is an option").
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from itertools import groupby

from claimlint import recache as rx
from claimlint.findings import Related, Severity, Violation
from claimlint.model import AdviceKind, AdviceStatement
from claimlint.registry import Rule
from claimlint.rules._lexicon_memo import LexiconMemo

# "A and B should not be combined": a prohibition of the pair, not of each drug.
_COMBINATION = rx.compile(
    r"\b(?:combin\w*|together|concomitant\w*|co-?prescri\w*|co-?administ\w*|dual"
    r"|simultaneous\w*|at the same time)\b",
    re.IGNORECASE,
)
# A recommendation of the pair: "together", "plus", "add Y to X" (not "X, Y or Z").
_TOGETHER = rx.compile(
    r"\b(?:combin\w*|together|concomitant\w*|plus|in addition to|added to|add|adding|along"
    r"\s+with|alongside)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Options:
    hedges: bool = True
    permits: bool = True


def _limit(st: AdviceStatement) -> float | None:
    """The time limit of a prohibition whose only conditions are time limits, else None."""
    from claimlint.parse.advice_conditions import is_time_condition

    if st.duration_days is None or not all(is_time_condition(c) for c in st.conditions):
        return None
    return st.duration_days[1]


# _same_item's answers: the same few hundred drug and class names meet again and again.
_SAME = LexiconMemo(100_000)  # {(rec_item, banned): bool}


def _same_item(rec_item: str, banned: str, lexicon) -> bool:
    if rec_item == banned:
        return True
    if lexicon is None:
        return False
    memo = _SAME.of(lexicon)
    found = memo.get((rec_item, banned))
    if found is None:
        found = memo[rec_item, banned] = _relates(rec_item, banned, lexicon)
    return found


def _relates(rec_item: str, banned: str, lexicon) -> bool:
    """``banned`` is a class, and ``rec_item`` one of its drugs or a class whose drugs are
    all among its drugs."""
    if not lexicon.is_class(banned):
        return False
    if banned in lexicon.classes_of(rec_item):
        return True
    members = set(lexicon.members(rec_item)) if lexicon.is_class(rec_item) else set()
    return bool(members) and members <= set(lexicon.members(banned))


def _may_meet(text: str, hits, bans_for, prohibitions, lexicon) -> bool:
    """Whether a recommendation in a claim (its ``text`` and lexicon ``hits``) can meet one of
    the ``prohibitions`` (``bans_for(name)``: the indexes of those concerning a name). A
    statement's items are among its claim's hits; a combination is met only by a clause that
    names all of its items and says "together" ("plus", "add", …), and then its claim says it
    too: a statement starts and ends at word boundaries of the claim, where the claim's
    ``_TOGETHER`` finds what the statement's does. Most claims naming one drug of a banned
    pair are thus not analysed."""
    names: set[str] | None = None
    together: bool | None = None
    for h in hits:
        for i in bans_for(h.name):
            ban, _limit_days, pair, _routes = prohibitions[i]
            if not pair:
                return True
            if together is None:
                together = _TOGETHER.search(text) is not None
            if not together:
                continue
            if names is None:
                names = {x.name for x in hits}
            if all(any(_same_item(n, b, lexicon) for n in names) for b in ban.items):
                return True
    return False


def check(doc, ctx, opts: Options):
    from claimlint.parse.advice import locate_item, may_prohibit, non_systemic_routes
    from claimlint.rules.cl401_forbidden_advice import VERB, positive_kinds

    prohibitions = []
    copies: dict[tuple, int] = {}
    # (claim, its lexicon hits): doc.hits_of without a call per claim and pass
    claim_hits = doc.claim_hits
    claims = [
        (c, claim_hits[c.index] if 0 <= c.index < len(claim_hits) else ()) for c in doc.claims
    ]
    # Only claims that can hold a prohibition are analysed here (a cheap test first).
    banning = (c.index for c, hits in claims if hits and may_prohibit(c.text))
    for st in (st for i in banning for st in doc.advice_of(i)):
        if st.kind is AdviceKind.PROHIBIT and st.items:
            # The same prohibition restated many times decides nothing new: two copies are
            # enough (a recommendation in the same claim as the first still meets the second).
            key = (st.text, st.items, st.conditions)
            copies[key] = copies.get(key, 0) + 1
            if copies[key] > 2:
                continue
            limit = _limit(st) if st.conditions else None
            if st.conditions and limit is None:
                continue  # a condition other than a time limit: no contradiction
            pair = bool(_COMBINATION.search(st.text))
            if pair and len(st.items) < 2:
                continue
            prohibitions.append((st, limit, pair, set(non_systemic_routes(st.text))))
    if not prohibitions:
        return
    kinds = positive_kinds(opts)
    lexicon = ctx.lexicon
    # Index the prohibitions by the items they name, so each recommendation is compared only
    # with prohibitions that can concern it (a long document has thousands of statements).
    by_item: dict[str, list[int]] = {}
    for i, (ban, _limit_days, _pair, _routes) in enumerate(prohibitions):
        for b in ban.items:
            by_item.setdefault(b, []).append(i)
    relevant: dict[str, tuple[int, ...]] = {}

    def bans_for(item: str) -> tuple[int, ...]:
        """The prohibitions that can concern ``item`` (itself, or a class it falls under), in
        document order; computed once per item."""
        found = relevant.get(item)
        if found is None:
            keys = [b for b in by_item if _same_item(item, b, lexicon)]
            found = relevant[item] = tuple(sorted({i for b in keys for i in by_item[b]}))
        return found

    # Only the claims that may meet a prohibition are analysed for recommendations.
    naming = [
        c.index
        for c, hits in claims
        if hits and _may_meet(c.text, hits, bans_for, prohibitions, lexicon)
    ]
    for rec in (st for i in naming for st in doc.advice_of(i)):
        if rec.kind not in kinds or rec.conditions or not rec.items:
            continue
        lists = [bans_for(item) for item in rec.items]
        if not any(lists):
            continue
        # document order, each prohibition once, lazily: the loop usually stops early
        wanted = (i for i, _ in groupby(heapq.merge(*lists)))
        routes = set(non_systemic_routes(rec.text))
        together = _TOGETHER.search(rec.text) is not None
        reported: set[str] = set()
        for ban, limit, pair, ban_routes in (prohibitions[i] for i in wanted):
            if len(reported) >= len(rec.items):
                break  # every item of this recommendation is reported already
            if ban.claim == rec.claim and (ban.claim is not None or ban.span == rec.span):
                continue
            if routes - ban_routes:
                continue
            if limit is not None and (rec.duration_days is None or rec.duration_days[0] <= limit):
                continue
            if pair and not together:
                continue
            if pair and not all(
                any(_same_item(item, b, lexicon) for item in rec.items) for b in ban.items
            ):
                continue
            for item in rec.items:
                if item in reported or not any(_same_item(item, b, lexicon) for b in ban.items):
                    continue
                reported.add(item)
                span, surface = locate_item(rec, item, lexicon, near=rec.trigger)
                if pair:
                    reported.update(rec.items)
                    why = "together with what the document says must not be combined"
                elif limit is None:
                    why = "but the document prohibits it elsewhere"
                else:
                    why = f"for longer than the document allows elsewhere ({ban.conditions[0]})"
                yield Violation(
                    span,
                    f"'{surface}' is {VERB[rec.kind]} here {why}: \"{ban.text}\"",
                    related=(Related(ban.span, "the prohibition"),),
                )


RULE = Rule(
    code="CL402",
    name="self-contradiction",
    summary="The document recommends something it prohibits elsewhere",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
    options=Options,
    status="stable",
)
