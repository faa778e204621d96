"""The registry of checks: one module per rule, listed here once."""

from __future__ import annotations

from claimlint.rules import (
    cl001_unreadable_file,
    cl002_parse_problem,
    cl003_unused_suppression,
    cl101_uncited_claim,
    cl102_malformed_marker,
    cl103_dangling_marker,
    cl201_reference_not_in_bibliography,
    cl202_unused_reference,
    cl203_duplicate_reference,
    cl204_bib_parse_error,
    cl205_duplicate_bib_key,
    cl206_incomplete_bib_entry,
    cl301_inconsistent_dose,
    cl302_dose_above_maximum,
    cl303_ambiguous_dose,
    cl401_forbidden_advice,
    cl402_self_contradiction,
    cl403_duration_limit,
)

ALL_RULES = (
    cl001_unreadable_file.RULE,
    cl002_parse_problem.RULE,
    cl003_unused_suppression.RULE,
    cl101_uncited_claim.RULE,
    cl102_malformed_marker.RULE,
    cl103_dangling_marker.RULE,
    cl201_reference_not_in_bibliography.RULE,
    cl202_unused_reference.RULE,
    cl203_duplicate_reference.RULE,
    cl204_bib_parse_error.RULE,
    cl205_duplicate_bib_key.RULE,
    cl206_incomplete_bib_entry.RULE,
    cl301_inconsistent_dose.RULE,
    cl302_dose_above_maximum.RULE,
    cl303_ambiguous_dose.RULE,
    cl401_forbidden_advice.RULE,
    cl402_self_contradiction.RULE,
    cl403_duration_limit.RULE,
)

RULES_BY_CODE = {rule.code: rule for rule in ALL_RULES}
RULES_BY_NAME = {rule.name: rule for rule in ALL_RULES}
