"""The immutable document model: what the parser produces and every rule reads.

Glossary (used everywhere in the code base):

- **claim**: a sentence (or a bullet without sentence punctuation) in the answer body that
  asserts something and so should carry a citation.
- **marker**: one citation id inside a citation group, e.g. the ``4`` of ``… daily 4, 2`` or the
  ``@smith2020`` of ``[@smith2020; @doe2021]``.
- **reference**: an entry of the document's own reference list (or a footnote definition).
- **bib entry**: an entry of a bibliography file (BibTeX, CSL JSON).
- **dose mention**: a drug amount found in the text, normalized.
- **advice statement**: a clause that recommends, permits, hedges or prohibits something.

Offsets are 0-based character offsets into the document text, end exclusive. Lines and
columns shown to users are 1-based and come from :class:`claimlint.source.SourceText`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from claimlint.source import SourceText


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into a text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the text under it, up to the next heading of any level."""

    index: int
    title: str
    level: int
    span: Span  # the heading line itself (empty span at 0 for the implicit first section)


class MarkerKind(StrEnum):
    NUMERIC = "numeric"  # [1], [2-4], or a bare trailing number on an answer page
    CITEKEY = "citekey"  # pandoc / Manubot @key
    FOOTNOTE = "footnote"  # [^label]


@dataclass(frozen=True, slots=True)
class Marker:
    """One citation id. ``span`` covers the id itself; ``group`` the whole citation group."""

    kind: MarkerKind
    label: str  # "4", "doi:10.1/x", "nice"
    span: Span
    group: Span


@dataclass(frozen=True, slots=True)
class MalformedMarker:
    """A citation group that could not be read as intended."""

    span: Span
    reason: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence (or bullet) of the answer body, with the markers that cite it."""

    index: int
    text: str
    span: Span
    section: int
    block: int  # index of the paragraph or list item the claim belongs to
    markers: tuple[Marker, ...] = ()

    @property
    def is_cited(self) -> bool:
        return bool(self.markers)


@dataclass(frozen=True, slots=True)
class Reference:
    """An entry of the document's own reference list, or a footnote definition."""

    index: int  # 1-based order in the list
    label: str  # the label markers use: "1", "2", footnote name
    text: str  # the whole entry, lines joined by a space
    span: Span
    title: str = ""
    doi: str = ""
    pmid: str = ""
    key: str = ""  # an explicit bibliography key, when the entry names one


class DoseRole(StrEnum):
    RECOMMENDED = "recommended"
    LIMIT = "limit"  # "do not exceed", "maximum", "doses below …"
    CONTRAST = "contrast"  # "not just 75 mg", "rather than"
    TITRATION = "titration"  # "start at", "increase to", "titrate"
    POPULATION = "population"  # renal/hepatic impairment, children, older adults, weight
    PROHIBITED = "prohibited"  # inside a prohibition
    EVIDENCE = "evidence"  # "the trial used 300 mg"


@dataclass(frozen=True, slots=True)
class DoseMention:
    """A drug amount, as written and normalized.

    ``low``/``high`` are the amount per dose (or per ``per``) in the canonical ``unit``:
    mass in mg, volume in mL, "unit" for units/IU, "mEq", "%". ``basis`` is "" or "/kg" or
    "/m2". ``per_day_low``/``per_day_high`` are the daily amount in the same unit and basis
    when the frequency allows it, else None.
    """

    span: Span
    text: str
    drug: str | None  # canonical generic name, lower case, or None when no drug is near
    low: float
    high: float
    unit: str
    basis: str = ""
    per: str = "dose"  # what the amount is stated per: dose, day, hour, week
    frequency: str | None = None  # normalized, e.g. "twice daily", "q8h", "at bedtime"
    times_per_day: float | None = None
    per_day_low: float | None = None
    per_day_high: float | None = None
    route: str | None = None
    duration_days: tuple[float, float] | None = None
    role: DoseRole = DoseRole.RECOMMENDED
    population: str | None = None
    section: int = 0
    claim: int | None = None


class AdviceKind(StrEnum):
    RECOMMEND = "recommend"
    PERMIT = "permit"
    HEDGE = "hedge"
    PROHIBIT = "prohibit"
    EVIDENCE = "evidence"
    LOOKALIKE = "lookalike"  # "do not exceed", "do not stop abruptly": not a prohibition
    MENTION = "mention"  # none of the above


@dataclass(frozen=True, slots=True)
class AdviceStatement:
    """One clause of a claim, classified, with the items (drugs, classes, terms) it is about."""

    span: Span
    text: str
    kind: AdviceKind
    trigger: str  # the words that decided the kind ("do not", "consider", …), or ""
    items: tuple[str, ...] = ()  # canonical drug names and lexicon classes named in the clause
    conditions: tuple[str, ...] = ()  # "when creatinine clearance is below 30", "in pregnancy"
    duration_days: tuple[float, float] | None = None
    section: int = 0
    claim: int | None = None


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline ``<!-- claimlint-… -->`` comment."""

    action: str  # "disable-next-line", "disable", "enable", "disable-file"
    codes: tuple[str, ...]  # code, prefix or rule name; empty means all
    span: Span
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ParseProblem:
    span: Span
    message: str


@dataclass(frozen=True)
class Document:
    """A parsed document. Built once by ``parse_document``; never mutated."""

    path: str
    source: SourceText
    dialect: str
    title: str = ""
    front_matter: dict = field(default_factory=dict)
    sections: tuple[Section, ...] = ()
    claims: tuple[Claim, ...] = ()
    markers: tuple[Marker, ...] = ()
    malformed_markers: tuple[MalformedMarker, ...] = ()
    references: tuple[Reference, ...] = ()
    references_span: Span | None = None  # the References heading, when there is one
    aliases: tuple[tuple[str, str, Span], ...] = ()  # [@tag:x]: doi:… definitions
    dose_mentions: tuple[DoseMention, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    problems: tuple[ParseProblem, ...] = ()
    # Lexicon hits (``claimlint.lexicon.DrugHit``) of each claim, offsets into the claim's text.
    claim_hits: tuple[tuple, ...] = ()
    # claim, hits -> that claim's advice statements. Advice analysis is the costliest part of
    # parsing and most rules never need most of it, so it runs per claim on first use.
    analyzer: Callable[[Claim, tuple], tuple[AdviceStatement, ...]] | None = field(
        default=None, repr=False, compare=False
    )

    def hits_of(self, index: int) -> tuple:
        """The lexicon hits of claim ``index`` (offsets into the claim's text)."""
        return self.claim_hits[index] if 0 <= index < len(self.claim_hits) else ()

    def advice_of(self, index: int) -> tuple[AdviceStatement, ...]:
        """The advice statements of claim ``index``, analysed on first use and then kept."""
        memo = self._advice_memo
        found = memo.get(index)
        if found is None:
            found = ()
            if self.analyzer is not None and 0 <= index < len(self.claims):
                found = self.analyzer(self.claims[index], self.hits_of(index))
            memo[index] = found
        return found

    @cached_property
    def _advice_memo(self) -> dict[int, tuple[AdviceStatement, ...]]:
        return {}

    @cached_property
    def advice(self) -> tuple[AdviceStatement, ...]:
        """Every advice statement, in document order (analyses every claim)."""
        return tuple(st for claim in self.claims for st in self.advice_of(claim.index))

    def __getstate__(self) -> dict:
        # A pickled document (sent from a worker for the HTML report) carries its analysed
        # advice instead of the analyzer, which holds the whole lexicon.
        self.advice  # noqa: B018 - fills the memo for every claim
        state = dict(self.__dict__)
        state["analyzer"] = None
        return state

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def topic_text(self) -> str:
        """What the document is about: title, front-matter conditions and section titles."""
        parts = [self.title]
        conditions = self.front_matter.get("conditions")
        if isinstance(conditions, list):
            parts.extend(str(c) for c in conditions)
        elif conditions:
            parts.append(str(conditions))
        return " \n".join(p for p in parts if p)

    @cached_property
    def references_by_label(self) -> dict[str, Reference]:
        out: dict[str, Reference] = {}
        for ref in self.references:
            out.setdefault(ref.label, ref)
        return out

    @cached_property
    def markers_by_label(self) -> dict[str, tuple[Marker, ...]]:
        out: dict[str, list[Marker]] = {}
        for marker in self.markers:
            out.setdefault(marker.label, []).append(marker)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def doses_by_drug(self) -> dict[str, tuple[DoseMention, ...]]:
        out: dict[str, list[DoseMention]] = {}
        for mention in self.dose_mentions:
            if mention.drug:
                out.setdefault(mention.drug, []).append(mention)
        return {k: tuple(v) for k, v in out.items()}

    def section_title(self, index: int) -> str:
        if 0 <= index < len(self.sections):
            return self.sections[index].title
        return ""
