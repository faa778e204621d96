"""Precision cases for CL301 found after the dose rules landed."""

from claimlint import lint_text

DOC = """# Sciatica

## Plan

{start} [1].

## Maintenance

Pregabalin 150-300 mg twice daily is the maintenance range [1].

## References

1. Pharmacotherapy for neuropathic pain in adults. Lancet Neurol. 2015.
"""


def _cl301(start):
    return [(f.line, f.column) for f in lint_text(DOC.format(start=start), select=("CL301",))]


def test_starting_doses_below_the_target_are_titration_steps():
    assert _cl301("Begin pregabalin 75 mg twice daily for the first week") == []
    assert _cl301("Initiate pregabalin at 75 mg twice daily") == []
    assert _cl301("Start pregabalin 75 mg twice daily") == []


def test_a_starting_dose_above_the_target_still_conflicts():
    assert _cl301("Start pregabalin 450 mg twice daily") == [(5, 18)]


def test_a_plain_lower_dose_still_conflicts():
    # two statements, one each: the earlier is taken as the document's own
    assert _cl301("Keep pregabalin 75 mg twice daily") == [(9, 12)]  # at "150-300 mg twice daily"
