"""Per-claim analysis: dose mentions and advice statements, with the drug lexicon."""

from __future__ import annotations


def analyze_claims(claims, lexicon=None):
    """Dose mentions and advice statements of every claim, in document order."""
    if not claims:
        return [], []
    if lexicon is None:
        from claimlint.lexicon import load_lexicon

        lexicon = load_lexicon()
    from claimlint.parse.advice import analyze_claim
    from claimlint.parse.doses import extract_doses

    doses = []
    advice = []
    for claim in claims:
        start = claim.span.start
        doses.extend(
            extract_doses(claim.text, start, lexicon, section=claim.section, claim=claim.index)
        )
        advice.extend(
            analyze_claim(claim.text, start, lexicon, section=claim.section, claim=claim.index)
        )
    return doses, advice
