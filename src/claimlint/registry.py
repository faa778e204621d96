"""Rule metadata: each rule module defines one ``RULE = Rule(...)``; ALL_RULES lists them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields

from claimlint.findings import Severity, Violation

FAMILIES = {
    "CL0": "document",
    "CL1": "claims and markers",
    "CL2": "references and bibliography",
    "CL3": "doses",
    "CL4": "advice",
    "CL5": "claim support",
}


@dataclass(frozen=True)
class NoOptions:
    """For rules without options."""


@dataclass(frozen=True)
class Rule:
    """A check and its metadata.

    ``scope`` is "document" (``check(doc, ctx, opts)`` runs once per document) or
    "bibliography" (``check(bib_file, ctx, opts)`` runs once per bibliography file in the run).
    ``status`` is "stable" or "experimental"; experimental rules are off unless selected.
    """

    code: str
    name: str
    summary: str
    severity: Severity
    check: Callable[..., Iterable[Violation]]
    doc: str
    options: type = NoOptions
    scope: str = "document"
    status: str = "stable"

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[:3], "")

    def make_options(self, values: dict[str, object] | None = None, where: str = "") -> object:
        """Build this rule's options dataclass; unknown keys are a ConfigError."""
        from claimlint.config import ConfigError

        values = dict(values or {})
        known = {f.name.replace("_", "-"): f.name for f in fields(self.options)}
        kwargs = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"unknown option '{key}' for rule {self.code}", where)
            kwargs[known[key]] = value
        return self.options(**kwargs)

    def doc_sections(self) -> dict[str, str]:
        """The docstring's sections ("What it does", "Example", …) by title."""
        return split_doc_sections(self.doc)


def split_doc_sections(doc: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current = None
    in_fence = False
    for line in (doc or "").splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
        if stripped.startswith("## ") and not in_fence:
            current = stripped[3:].strip()
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    return {k: "\n".join(v).strip("\n") for k, v in sections.items()}


def example_blocks(section_text: str) -> Iterator[tuple[str, str]]:
    """The fenced code blocks of a docstring section as (language, dedented text)."""
    import textwrap

    block: list[str] | None = None
    lang = ""
    for line in section_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            if block is None:
                block, lang = [], stripped[3:].strip()
            else:
                yield lang, textwrap.dedent("\n".join(block)).strip("\n") + "\n"
                block = None
        elif block is not None:
            block.append(line)
