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
        start, where = claim.span.start, {"section": claim.section, "claim": claim.index}
        hits = lexicon.find(claim.text)  # once per claim, for both analyses
        doses.extend(extract_doses(claim.text, start, lexicon, hits=hits, **where))
        advice.extend(analyze_claim(claim.text, start, lexicon, hits=hits, **where))
    return doses, advice
