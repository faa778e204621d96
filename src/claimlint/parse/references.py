"""The document's own reference list: numbered Markdown lists, answer-page blocks, footnotes."""

from __future__ import annotations

import re

from claimlint import recache as rx
from claimlint.model import Reference, Span
from claimlint.parse.blocks import Block

_PUNCTUATION = rx.compile(r"[^\w\s]")


def normalize_title(title: str) -> str:
    """A title for comparison: no braces or punctuation, lower case, single spaces."""
    return " ".join(_PUNCTUATION.sub(" ", title.replace("{", "").replace("}", "")).lower().split())


_DOI = rx.compile(r"\b(10\.\d{4,9}/[^\s\"<>]{1,300})")
# (the boundary before "PMID" is checked after its "P", so that the engine skips ahead to
# the next "p" in C instead of trying every character)
_PMID = rx.compile(r"P(?<!\wP)MID:?\s*(\d{1,9})\b", re.I)
_NUMBERED = rx.compile(r"\s*(?:\[(\d{1,9})\]|(\d{1,9})[.)])[ \t]+")
_CITEKEY = rx.compile(r"^\s*(?:\[@|@)([\w][\w:./-]*)\]?[ :]")

# Type lines that start an entry in an answer page's References block.
ENTRY_TYPES = frozenset(
    {
        "guideline",
        "guidelines",
        "research",
        "review",
        "journal article",
        "meta-analysis",
        "systematic review",
        "clinical trial",
        "randomized controlled trial",
        "rct",
        "cohort study",
        "observational study",
        "case report",
        "drug label",
        "fda label",
        "label",
        "textbook",
        "book",
        "book chapter",
        "website",
        "consensus statement",
        "position statement",
        "practice guideline",
        "expert opinion",
        "study",
    }
)


def _clean_doi(doi: str) -> str:
    return doi.rstrip(".,;)]").lower()


def make_reference(index: int, label: str, text: str, span: Span, title: str = "") -> Reference:
    text = " ".join(text.split())
    doi_m = _DOI.search(text) if "10." in text else None
    pmid_m = _PMID.search(text)
    key_m = _CITEKEY.match(text)
    if not title:
        title = guess_title(text)
    return Reference(
        index=index,
        label=label,
        text=text,
        span=span,
        title=title,
        doi=_clean_doi(doi_m.group(1)) if doi_m else "",
        pmid=pmid_m.group(1) if pmid_m else "",
        key=key_m.group(1) if key_m else "",
    )


# the title may not contain another opening quote, so a run of quotes is scanned once
_QUOTED = rx.compile(r"[\"\u201c]([^\"\u201c\u201d]{10,300})[\"\u201d]")
_FULL_STOP = rx.compile(r"\.\s+")


def guess_title(text: str) -> str:
    """Vancouver-style "Authors. Title. Journal. Year" → Title; otherwise the whole text."""
    quoted = _QUOTED.search(text)
    if quoted:
        return quoted.group(1).strip()
    parts = [p.strip() for p in _FULL_STOP.split(text) if p.strip()]
    if len(parts) >= 3 and len(parts[1].split()) >= 3:
        return parts[1]
    return text


def markdown_references(text: str, blocks: list[Block]) -> list[Reference]:
    """List items (or paragraphs starting with ``[n]``) of the References section."""
    refs: list[Reference] = []
    for block in blocks:
        if block.kind not in ("item", "paragraph"):
            continue
        # the bullet marker was stripped from items; look back for an explicit number
        line_start = text.rfind("\n", 0, block.start) + 1
        lead = text[line_start : block.start]
        content = text[block.start : block.end]
        m = _NUMBERED.match(lead) or _NUMBERED.match(content)
        index = len(refs) + 1
        if m:
            label = m.group(1) or m.group(2)
            if _NUMBERED.match(content) and not _NUMBERED.match(lead):
                content_start = block.start + m.end()
                content = text[content_start : block.end]
            else:
                content_start = block.start
        else:
            label = str(index)
            content_start = block.start
        refs.append(make_reference(index, str(int(label)), content, Span(content_start, block.end)))
    return refs


def answer_page_references(text: str, lines: list[tuple[int, int, str]]) -> list[Reference]:
    """An answer page's References block: entries of (type line, title, source lines).

    ``lines`` are the block's non-blank lines as (start, end, stripped text). Entries are
    numbered by order. Without recognizable type lines every line is one entry.
    """
    refs: list[Reference] = []
    typed = [i for i, (_s, _e, t) in enumerate(lines) if t.lower().rstrip(":") in ENTRY_TYPES]
    if typed and typed[0] == 0:
        bounds = [*typed, len(lines)]
        for k in range(len(typed)):
            chunk = lines[bounds[k] : bounds[k + 1]]
            body = chunk[1:] or chunk
            title = body[0][2] if body else ""
            span = Span(chunk[0][0], chunk[-1][1])
            joined = " ".join(t for _s, _e, t in chunk)
            refs.append(make_reference(k + 1, str(k + 1), joined, span, title=title))
        return refs
    for k, (s, e, t) in enumerate(lines):
        m = _NUMBERED.match(t)
        label = (m.group(1) or m.group(2)) if m else str(k + 1)
        refs.append(make_reference(k + 1, str(int(label)), t[m.end() :] if m else t, Span(s, e)))
    return refs


_FOOTDEF = rx.compile(r"\[\^([^\]\s]+)\]:[ \t]*")


def footnote_references(text: str, blocks: list[Block]) -> list[Reference]:
    refs = []
    for block in blocks:
        if block.kind != "footdef":
            continue
        m = _FOOTDEF.match(text, block.start, block.end)
        if not m:
            continue
        content_start = m.end()
        refs.append(
            make_reference(
                len(refs) + 1,
                m.group(1),
                text[content_start : block.end],
                Span(content_start, block.end),
            )
        )
    return refs
