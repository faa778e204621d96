"""What rules yield (Violation) and what the engine makes of it (Finding, Report)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from claimlint.model import Span


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Related:
    """Another place in the same file a violation points at (a dose conflict's other mention)."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule's output: what is wrong and where. The engine adds code, name and severity."""

    span: Span
    message: str
    related: tuple[Related, ...] = ()
    path: str | None = None  # None: the document being checked (set for .bib findings)
    severity: Severity | None = None  # overrides the rule's default (e.g. a pack entry's)


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int
    column: int
    message: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    related: tuple[Location, ...] = ()
    # Text the finding is about (claim sentence, marker, …), used for baseline fingerprints.
    context: str = field(default="", compare=False)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "related": [
                {"path": r.path, "line": r.line, "column": r.column, "message": r.message}
                for r in self.related
            ],
        }


@dataclass(frozen=True)
class Report:
    """All findings of a run, sorted by path, line, column, code."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    # Documents that were parsed (for reports that show text); not needed by most formatters.
    documents: tuple = field(default=(), compare=False, repr=False)
    # The run's Context (bibliographies, dose limits, packs) for reports that explain findings.
    context: object = field(default=None, compare=False, repr=False)

    @classmethod
    def build(cls, findings, files, documents=(), context=None) -> Report:
        ordered = tuple(sorted(findings, key=lambda f: f.sort_key))
        return cls(ordered, tuple(files), tuple(documents), context)

    @property
    def by_code(self) -> dict[str, int]:
        return dict(sorted(Counter(f.code for f in self.findings).items()))

    @property
    def by_severity(self) -> dict[str, int]:
        return dict(Counter(f.severity.value for f in self.findings))
