"""Per-claim analysis: dose mentions (at parse time) and advice statements (on first use)."""

from __future__ import annotations


def analyze_claims(claims, lexicon):
    """The dose mentions of every claim, in document order, and each claim's lexicon hits
    (which the advice analysis reuses)."""
    from claimlint.parse.dose_grammar import UNIT_AFTER_DIGIT
    from claimlint.parse.doses import extract_doses

    doses = []
    hits_of = []
    may_dose = UNIT_AFTER_DIGIT.search  # extract_doses's own first test, without the call
    for claim in claims:
        hits = tuple(lexicon.find(claim.text))  # once per claim, for both analyses
        hits_of.append(hits)
        if may_dose(claim.text) is not None:
            where = {"section": claim.section, "claim": claim.index}
            doses.extend(extract_doses(claim.text, claim.span.start, lexicon, hits=hits, **where))
    return doses, tuple(hits_of)


class AdviceAnalyzer:
    """``(claim, hits) -> advice statements`` with one lexicon: what a Document calls when a
    rule first asks for a claim's advice."""

    __slots__ = ("lexicon",)

    def __init__(self, lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, claim, hits):
        from claimlint.parse.advice import analyze_claim

        return tuple(
            analyze_claim(
                claim.text,
                claim.span.start,
                self.lexicon,
                section=claim.section,
                claim=claim.index,
                hits=hits,
            )
        )
