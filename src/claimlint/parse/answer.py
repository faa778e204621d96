"""Scraped answer pages (``.txt``): bare trailing citation numbers and an unnumbered
References block of (type line, title, source line) entries, numbered by order."""

from __future__ import annotations

from claimlint.model import Claim, Section, Span
from claimlint.parse import blocks as B
from claimlint.parse import markers as M
from claimlint.parse.references import answer_page_references
from claimlint.parse.sentences import split_sentences

_MIN_CLAIM_WORDS = 3


def parse_answer_page(path, src, front, problems, finish):
    text = src.text
    cited_lines = set()
    for i, start in enumerate(src.line_starts):
        end = src.line_starts[i + 1] - 1 if i + 1 < len(src.line_starts) else len(text)
        if end > start and M.ends_with_markers(text, start, end):
            cited_lines.add(i + 1)
    blocks, body_line, refs_line, end_line = B.answer_page_blocks(src, cited_lines)

    title = ""
    for line_no in range(1, body_line):
        candidate = src.line_text(line_no).strip()
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
        if b.kind not in B.PROSE:
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
            if len(sentence.split()) < _MIN_CLAIM_WORDS or sentence.endswith(("?", ":")):
                continue
            prev_claim = len(claims)
            claims.append(Claim(len(claims), sentence, Span(s, text_end), sec, bi, tuple(own)))

    # References block: non-blank lines between the References line and the page end.
    ref_lines = []
    references_span = None
    if refs_line < end_line:
        start = src.line_starts[refs_line - 1]
        references_span = Span(start, start + len(src.line_text(refs_line)))
        for line_no in range(refs_line + 1, min(end_line, src.line_count + 1)):
            raw = src.line_text(line_no)
            stripped = raw.strip()
            if stripped:
                s = src.line_starts[line_no - 1] + (len(raw) - len(raw.lstrip()))
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
