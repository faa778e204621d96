"""``parse_document``: text → immutable :class:`~claimlint.model.Document`, once per file."""

from __future__ import annotations

from pathlib import PurePath

from claimlint import recache as rx
from claimlint.model import (
    Document,
    Marker,
    MarkerKind,
    ParseProblem,
    Section,
    Span,
)
from claimlint.parse import blocks as B
from claimlint.parse import markers as M
from claimlint.parse.frontmatter import parse_front_matter
from claimlint.parse.references import footnote_references, markdown_references
from claimlint.parse.structure_claims import markdown_claims
from claimlint.parse.suppressions import find_suppressions
from claimlint.source import SourceText

DIALECTS = ("numeric", "pandoc", "footnote", "answer")
TEXT_SUFFIXES = (".txt", ".text")

_INLINE_CODE = rx.compile(r"`[^`\n]{1,2000}`")
# Every alternative opens with a literal, so the engine skips to candidates in C.
_URL = rx.compile(
    r"https?://[^\s<>\]\)\"']{1,2000}|ftp://[^\s<>\]\)\"']{1,2000}"
    r"|<[a-z]+://[^<>\s]{1,2000}>|\]\([^)\s]{1,2000}"
)
_HTML_TAG = rx.compile(r"</?[A-Za-z][^<>\n]{0,500}>")


# A footnote definition opening a line. The pattern opens with its "[" and checks the
# character before it (a newline, or none) in a lookbehind, so that the engine skips to the
# next "[" in C instead of trying "^" at every character.
_FOOTDEF_LINE = rx.compile(r"\[(?<![^\n]\[)\^[^\]\s]+\]:")
_CITEKEY_OPENING = rx.compile(r"\[-?@\w|; ?-?@\w")


def detect_dialect(path: str, text: str, front_matter: dict) -> str:
    return _dialect(PurePath(path).suffix.lower() in TEXT_SUFFIXES, text, front_matter)


def _dialect(is_text: bool, text: str, front_matter: dict) -> str:
    declared = str(front_matter.get("claimlint-dialect", "")).strip().lower()
    if declared in DIALECTS:
        return declared
    if is_text:
        return "answer"
    # (the substring tests skip a scan of the whole text when a pattern cannot match)
    if "[^" in text and _FOOTDEF_LINE.search(text):
        return "footnote"
    if front_matter.get("bibliography") or ("@" in text and _CITEKEY_OPENING.search(text)):
        return "pandoc"  # an e-mail address alone does not make a pandoc document
    return "numeric"


_NOT_NEWLINE = rx.compile(r"[^\n]")


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (keeping newlines) so patterns do not see code, comments or URLs."""
    if not spans:
        return text
    spans.sort()
    out = []
    pos = 0
    n = len(text)
    find = text.find
    for s, e in spans:
        if e <= pos:
            continue
        if s < pos:
            s = pos
        out.append(text[pos:s])
        if find("\n", s, e) < 0:
            out.append(" " * (min(e, n) - s))
        else:
            out.append(_NOT_NEWLINE.sub(" ", text[s:e]))  # C speed, not a loop per character
        pos = e
    out.append(text[pos:])
    return "".join(out)


def parse_document(path: str, text: str, dialect: str | None = None, lexicon=None) -> Document:
    """Parse a document's text. Never raises on any text input."""
    src, lines = SourceText.with_lines(text)
    text = src.text
    problems: list[ParseProblem] = []
    front: dict = {}
    fm_end = 0
    is_text = PurePath(path).suffix.lower() in TEXT_SUFFIXES
    if not is_text:
        fm_end, closed = B.front_matter_end(text)
        if fm_end:
            if not closed:
                problems.append(
                    ParseProblem(Span(0, 3), "front matter opened with '---' is never closed")
                )
            else:
                inner_start = text.find("\n") + 1
                inner_end = text.rfind("\n", 0, fm_end - 1)
                front = parse_front_matter(text[inner_start : max(inner_start, inner_end)])
    dialect = dialect if dialect in DIALECTS else _dialect(is_text, text, front)

    if dialect == "answer":
        return _parse_answer_page(path, src, lines, front, problems, lexicon)
    return _parse_markdown(path, src, lines, front, fm_end, dialect, problems, lexicon)


NOT_TEXT = frozenset({"code", "comment", "html", "refdef", "footdef"})


def hidden_spans(text: str, blocks: list[B.Block], fm_end: int = 0) -> list[tuple[int, int]]:
    """What marker patterns must not see: front matter, code, comments, HTML, definitions,
    inline code and URLs (except a URL that is part of a citekey such as ``@url:https://…``)."""
    hidden = [(0, fm_end)] if fm_end else []
    hidden.extend((b.start, b.end) for b in blocks if b.kind in NOT_TEXT)
    # (the substring tests skip a scan of the whole text when a pattern cannot match)
    if "`" in text:
        hidden.extend(m.span() for m in _INLINE_CODE.finditer(text))
    if "://" in text or "](" in text:
        hidden.extend(
            m.span() for m in _URL.finditer(text) if text[m.start() - 1 : m.start()] != ":"
        )
    if "<" in text:
        hidden.extend(m.span() for m in _HTML_TAG.finditer(text) if "<!--" not in m.group(0))
    return hidden


def _parse_markdown(path, src, lines, front, fm_end, dialect, problems, lexicon) -> Document:
    text = src.text
    blocks, block_problems = B.markdown_blocks(src, fm_end, lines)
    problems.extend(ParseProblem(Span(o, min(o + 3, len(text))), msg) for o, msg in block_problems)
    masked = _mask(text, hidden_spans(text, blocks, fm_end))

    # group_spans: every citation group, marked or malformed (what sentences must not see)
    markers: list[Marker]
    malformed = []
    if dialect == "pandoc":
        markers, malformed, group_spans = M.citekey_groups(masked)
    elif dialect == "footnote":
        markers, group_spans = M.footnote_groups(masked)
    else:
        markers, malformed, group_spans = M.numeric_groups(masked)
    split_text = _mask(masked, group_spans)

    # Sections; which blocks are body, which the reference list, which page end (related
    # questions, …).
    sections = [Section(0, "", 0, Span(0, 0))]
    section_of: list[int] = []
    region_of: list[str] = []
    sec = 0
    region = "body"
    region_level = 0
    references_span = None
    first_heading = ""
    for b in blocks:
        if b.kind == "heading":
            sec += 1
            title = text[b.start : b.end].strip()
            sections.append(Section(sec, title, b.level, Span(b.start, b.end)))
            if sec == 1:
                first_heading = title
            if region != "body" and b.level <= region_level:
                region = "body"
            if B.REFERENCES_TITLE.fullmatch(title):
                region, region_level = "references", b.level
                references_span = Span(b.start, b.end)
            elif B.PAGE_END.match(title):
                region, region_level = "end", b.level
        section_of.append(sec)
        region_of.append(region)

    if dialect == "footnote":
        references = footnote_references(text, blocks)
    else:
        ref_blocks = [b for b, r in zip(blocks, region_of, strict=True) if r == "references"]
        references = markdown_references(text, ref_blocks)

    title = str(front.get("title", "")).strip() or first_heading

    claim_objs = markdown_claims(text, split_text, blocks, region_of, section_of, markers)
    return _finish(
        path,
        src,
        dialect,
        title,
        front,
        sections,
        claim_objs,
        markers,
        malformed,
        references,
        references_span,
        problems,
        lexicon,
        _aliases(text, blocks),
    )


_ALIAS = rx.compile(r"\[@([^\]\s]+)\]:[ \t]*(\S+)")


def _aliases(text: str, blocks: list[B.Block]) -> tuple:
    out = []
    for b in blocks:
        if b.kind == "refdef":
            m = _ALIAS.match(text, b.start, b.end)
            if m:
                out.append((m.group(1), m.group(2), Span(m.start(), m.end())))
    return tuple(out)


def _parse_answer_page(path, src, lines, front, problems, lexicon) -> Document:
    from claimlint.parse.answer import parse_answer_page

    def finish(*args):  # the answer-page parser passes no lexicon: this run's one is used
        return _finish(*args[:-1], lexicon)

    return parse_answer_page(path, src, lines, front, problems, finish)


def _finish(
    path,
    src,
    dialect,
    title,
    front,
    sections,
    claims,
    markers,
    malformed,
    references,
    references_span,
    problems,
    lexicon,
    aliases=(),
) -> Document:
    from claimlint.parse.statements import AdviceAnalyzer, analyze_claims

    if lexicon is None and claims:
        from claimlint.lexicon import load_lexicon

        lexicon = load_lexicon()
    doses, hits = analyze_claims(claims, lexicon)
    return Document(
        path=path,
        source=src,
        dialect=dialect,
        title=title,
        front_matter=front,
        sections=tuple(sections),
        claims=tuple(claims),
        markers=tuple(sorted(markers, key=lambda m: m.span.start)),
        malformed_markers=tuple(malformed),
        references=tuple(references),
        references_span=references_span,
        aliases=aliases,
        dose_mentions=tuple(doses),
        suppressions=tuple(find_suppressions(src.text)),
        problems=tuple(problems),
        claim_hits=hits,
        analyzer=AdviceAnalyzer(lexicon) if claims else None,
    )


__all__ = ["DIALECTS", "MarkerKind", "detect_dialect", "parse_document"]
