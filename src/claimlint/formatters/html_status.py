"""What the editor report says about a document: claim and marker statuses, how each reference
resolves, and which dose mentions a CL301/CL302 finding names.

Pure functions over the model, the run's Context (may be None) and the document's findings; no
HTML here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from claimlint.model import Document, Marker, MarkerKind, Reference

# Claim and marker statuses, with the label text shown next to the colour.
CITED = "cited"
UNCITED = "uncited"
DANGLING = "dangling"
UNVERIFIED = "unverified"  # a citekey in a document without a bibliography
STATUS_ORDER = (CITED, DANGLING, UNVERIFIED, UNCITED)
STATUS_LABEL = {
    CITED: "✓ cited",
    UNCITED: "✗ uncited",
    DANGLING: "⚠ dangling",
    UNVERIFIED: "? unverified",
}
STATUS_HELP = {
    CITED: "every marker resolves to a reference",
    UNCITED: "no citation marker",
    DANGLING: "a marker resolves to no reference",
    UNVERIFIED: "cites bibliography keys, but no bibliography is configured",
}
NO_BIB = "no bibliography configured"
NO_MATCH = "no match by DOI, PMID or title"


@dataclass(frozen=True)
class Resolution:
    """How a reference-list entry or a citekey resolves against the bibliography."""

    label: str  # the reference label or the citekey
    text: str  # the entry as written (empty for citekeys)
    ok: bool | None  # True resolved, False failed, None not checked (no bibliography)
    detail: str  # "bib key qaseem2017 (matched by title)", or why it failed
    line: int = 0  # the entry's line in the document (0 for citekeys)
    uses: int = 0  # how many markers cite it


@dataclass(frozen=True)
class DocFacts:
    claim_status: tuple[str, ...]  # one per doc.claims, same order
    marker_status: dict[int, str]  # marker span start → CITED / DANGLING / UNVERIFIED
    counts: Counter = field(default_factory=Counter)  # claims per status
    references: tuple[Resolution, ...] = ()
    citekeys: tuple[Resolution, ...] = ()

    @property
    def claims(self) -> int:
        return len(self.claim_status)


def analyse(doc: Document, ctx) -> DocFacts:
    bib = ctx.bibliography(doc) if ctx is not None else None
    aliases = {name: target for name, target, _span in doc.aliases}
    labels = doc.references_by_label

    def marker_state(m: Marker) -> str:
        if m.kind != MarkerKind.CITEKEY:
            return CITED if m.label in labels else DANGLING
        if bib is None:
            return UNVERIFIED
        return CITED if bib.resolve(m.label, aliases) is not None else DANGLING

    marker_status = {m.span.start: marker_state(m) for m in doc.markers}
    statuses = []
    for claim in doc.claims:
        states = {marker_status.get(m.span.start) or marker_state(m) for m in claim.markers}
        if not states:
            statuses.append(UNCITED)
        elif DANGLING in states:
            statuses.append(DANGLING)
        elif UNVERIFIED in states:
            statuses.append(UNVERIFIED)
        else:
            statuses.append(CITED)
    uses = Counter(m.label for m in doc.markers)
    references = tuple(_reference(doc, ref, bib, uses[ref.label]) for ref in doc.references)
    citekeys = []
    for label in dict.fromkeys(m.label for m in doc.markers if m.kind == MarkerKind.CITEKEY):
        citekeys.append(_citekey(label, bib, aliases, uses[label]))
    return DocFacts(tuple(statuses), marker_status, Counter(statuses), references, tuple(citekeys))


def _entry_detail(entry, how: str) -> str:
    parts = [f"bib key {entry.key}"]
    doi = entry.get("doi").strip()
    if doi:
        parts.append(f"DOI {doi}")
    where = f"{entry.path}:{entry.line}" if entry.path else ""
    text = ", ".join(parts)
    if how:
        text += f" (matched by {how})"
    return f"{text} — {where}" if where else text


def _reference(doc: Document, ref: Reference, bib, uses: int) -> Resolution:
    line = doc.source.position(ref.span.start)[0]
    if bib is None:
        return Resolution(ref.label, ref.text, None, NO_BIB, line, uses)
    entry, how = bib.match_reference(ref)
    if entry is None:
        return Resolution(ref.label, ref.text, False, NO_MATCH, line, uses)
    return Resolution(ref.label, ref.text, True, _entry_detail(entry, how), line, uses)


def _citekey(label: str, bib, aliases: dict[str, str], uses: int) -> Resolution:
    if bib is None:
        return Resolution(label, "", None, NO_BIB, 0, uses)
    entry = bib.resolve(label, aliases)
    if entry is None:
        suggestion = bib.suggest(label)
        hint = f"; did you mean {suggestion}?" if suggestion else ""
        return Resolution(label, "", False, "not in the bibliography" + hint, 0, uses)
    title = entry.title
    detail = _entry_detail(entry, "")
    return Resolution(label, "", True, f"{detail} — {title}" if title else detail, 0, uses)


def offset_of(doc: Document, line: int, column: int) -> int | None:
    """The 0-based offset of a 1-based (line, column) in the document, or None outside it."""
    starts = doc.source.line_starts
    if not 1 <= line <= len(starts):
        return None
    return starts[line - 1] + max(column, 1) - 1


@dataclass(frozen=True)
class DoseFlag:
    conflict: bool = False
    conflict_lines: tuple[int, ...] = ()  # lines of the mentions it conflicts with
    above_max: bool = False


def dose_flags(doc: Document, findings) -> dict[int, DoseFlag]:
    """Dose mentions (by span start) named by a CL301 finding or its related locations, and
    mentions reported by CL302."""
    if not doc.dose_mentions:
        return {}
    mentions = sorted(doc.dose_mentions, key=lambda m: m.span.start)

    def mention_at(line: int, column: int):
        off = offset_of(doc, line, column)
        if off is None:
            return None
        for m in mentions:
            if m.span.start <= off < max(m.span.end, m.span.start + 1):
                return m
        return None

    partners: dict[int, set[int]] = {}
    above: set[int] = set()
    for f in findings:
        if f.code == "CL302":
            m = mention_at(f.line, f.column)
            if m is not None:
                above.add(m.span.start)
            continue
        if f.code != "CL301":
            continue
        related = [(r.line, r.column) for r in f.related if r.path in (None, "", doc.path)]
        m = mention_at(f.line, f.column)
        if m is not None:
            partners.setdefault(m.span.start, set()).update(ln for ln, _c in related)
        for line, column in related:
            r = mention_at(line, column)
            if r is not None:
                partners.setdefault(r.span.start, set()).add(f.line)
    out: dict[int, DoseFlag] = {}
    for start in set(partners) | above:
        lines = tuple(sorted(partners.get(start, ())))
        out[start] = DoseFlag(start in partners, lines, start in above)
    return out
