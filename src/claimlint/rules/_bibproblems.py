"""Shared by the bibliography-scope rules: a BibProblem of one kind → Violations."""

from __future__ import annotations

from claimlint.findings import Violation


def violations(bib_file, kind: str):
    for problem in bib_file.problems:
        if problem.kind == kind:
            yield Violation(
                bib_file.span_of(problem.line, problem.column), problem.message, path=bib_file.path
            )
