"""Scraped answer pages (``.txt``): title lines, bullets (``•``) and paragraphs, bare trailing
citation numbers, and an unnumbered References block of (type line, title, source line)
entries, numbered by order. The page chrome before the answer and everything from "Related
Questions" on hold no claims."""

from __future__ import annotations

from collections.abc import Callable

from claimlint import recache as rx
from claimlint.model import Claim, Section, Span
from claimlint.parse import markers as M
from claimlint.parse.blocks import PAGE_END, PROSE, REFERENCES_TITLE, Block
from claimlint.parse.references import answer_page_references
from claimlint.parse.sentences import split_sentences
from claimlint.parse.structure_claims import is_claim

_TXT_BULLET = rx.compile(r"([ \t]*)([•●▪◦‣·\-*]|\d{1,3}[.)])[ \t]+")
_TERMINAL = frozenset(".!?:;,")


def parse_answer_page(path, src, lines, front, problems, finish):
    """``lines``: the text's lines, as :meth:`SourceText.with_lines` gives them."""
    text = src.text
    starts = src.line_starts

    def cited(lineno: int) -> bool:  # (asked only where the answer matters)
        line = lines[lineno - 1]
        return bool(line) and M.ends_with_markers(
            text, starts[lineno - 1], starts[lineno - 1] + len(line)
        )

    blocks, body_line, refs_line, end_line = answer_page_blocks(lines, starts, cited)

    title = ""
    for line_no in range(1, body_line):
        candidate = lines[line_no - 1].strip()
        if candidate:
            title = candidate
            break

    section_list = [Section(0, "", 0, Span(0, 0))]
    claims: list[Claim] = []
    markers = []
    sec = 0
    for bi, b in enumerate(blocks):
        if b.kind == "heading":
            sec += 1
            section_list.append(Section(sec, text[b.start : b.end], b.level, Span(b.start, b.end)))
            continue
        if b.kind not in PROSE:
            continue
        prev = None
        prev_claim = None  # the claim the previous sentence of this block became, if any
        for s, e in split_sentences(text, b.start, b.end):
            if prev is not None and text[prev[0] : prev[1]].rstrip().endswith("."):
                opening, s = M.opening_markers(text, s, e)
                if opening and prev_claim is not None:
                    claims[prev_claim] = _with_markers(claims[prev_claim], opening)
                markers.extend(opening)
            own, text_end = M.trailing_markers(text, s, e)
            if not own and prev is not None:
                lead = M.leading_markers(text, s, e)
                if lead:
                    # "… doses. 1": the numbers cite the sentence before, in this block only
                    if prev_claim is not None:
                        claims[prev_claim] = _with_markers(claims[prev_claim], lead)
                    markers.extend(lead)
                    continue
            markers.extend(own)
            sentence = text[s:text_end].strip()
            prev = (s, text_end)
            prev_claim = None
            if not is_claim(sentence):
                continue
            prev_claim = len(claims)
            claims.append(Claim(len(claims), sentence, Span(s, text_end), sec, bi, tuple(own)))

    # References block: non-blank lines between the References line and the page end.
    ref_lines = []
    references_span = None
    if refs_line < end_line:
        start = starts[refs_line - 1]
        references_span = Span(start, start + len(lines[refs_line - 1]))
        for line_no in range(refs_line + 1, min(end_line, len(lines) + 1)):
            raw = lines[line_no - 1]
            stripped = raw.strip()
            if stripped:
                s = starts[line_no - 1] + (len(raw) - len(raw.lstrip()))
                ref_lines.append((s, s + len(stripped), stripped))
    references = answer_page_references(text, ref_lines)
    return finish(
        path,
        src,
        "answer",
        title,
        front,
        section_list,
        claims,
        markers,
        [],
        references,
        references_span,
        problems,
        None,
    )


def _with_markers(claim: Claim, extra) -> Claim:
    return Claim(
        claim.index,
        claim.text,
        claim.span,
        claim.section,
        claim.block,
        claim.markers + tuple(extra),
    )


def is_title_line(line: str, has_marker: bool) -> bool:
    """A short line without sentence punctuation or citation: a heading on an answer page."""
    s = line.strip()
    if not s or has_marker or s[-1] in _TERMINAL or len(s) > 90:
        return False
    return len(s.split()) <= 12


def answer_page_blocks(
    lines: list[str], starts, cited: Callable[[int], bool]
) -> tuple[list[Block], int, int, int]:
    """Blocks of a scraped answer page: its ``lines`` (without newlines), which start at the
    offsets ``starts``.

    ``cited(lineno)`` tells whether a 1-based line ends with a citation marker. Returns
    (blocks, body_start_line, references_line, end_line); lines outside
    ``[body_start_line, references_line)`` hold no claims.
    """
    n = len(lines)
    refs_line = end_line = n + 1
    first_cited = next((lineno for lineno in range(1, n + 1) if cited(lineno)), None)
    stripped_lines = [line.strip() for line in lines]
    for lineno in range(first_cited or 1, n + 1):
        stripped = stripped_lines[lineno - 1]
        if not stripped:
            continue  # neither pattern matches an empty line
        if refs_line > n and REFERENCES_TITLE.fullmatch(stripped):
            refs_line = lineno
        elif len(stripped) < 60 and PAGE_END.match(stripped):
            end_line = lineno
            break
    if end_line < refs_line:
        refs_line = end_line
    # The body starts at the title line before the first cited paragraph.
    body_start = 2
    if first_cited is not None:
        body_start = first_cited
        for lineno in range(first_cited - 1, 0, -1):
            text = lines[lineno - 1]
            if not text.strip():
                continue
            if is_title_line(text, False):
                body_start = lineno
            break
    blocks: list[Block] = []
    for lineno, (start, line, stripped) in enumerate(
        zip(starts, lines, stripped_lines, strict=True), 1
    ):
        if not stripped:
            continue
        end = start + len(line)
        if lineno < body_start or lineno >= refs_line:
            if lineno < refs_line or lineno >= end_line:
                blocks.append(Block("chrome", start, end, 0, lineno))
            continue
        if stripped.startswith("<!--"):
            blocks.append(Block("comment", start, end, 0, lineno))
            continue
        m = _TXT_BULLET.match(line)
        if m:
            blocks.append(Block("item", start + m.end(), end, 0, lineno))
        elif is_title_line(line, False) and not cited(lineno):  # (the costlier test last)
            lead = len(line) - len(line.lstrip())
            blocks.append(Block("heading", start + lead, start + lead + len(stripped), 2, lineno))
        else:
            lead = len(line) - len(line.lstrip())
            blocks.append(Block("paragraph", start + lead, end, 0, lineno))
    return blocks, body_start, refs_line, end_line
