"""A line-based block pass: one walk over the lines, no Markdown library.

Markdown: front matter, fenced code, HTML comments and blocks, ATX and setext headings, list
items, paragraphs, tables, block quotes, link and footnote definitions.
Answer pages (scraped ``.txt``): title lines, bullets (``•``), paragraphs; the page chrome
before the answer and everything from "Related Questions" on are marked as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimlint import recache as rx
from claimlint.source import SourceText

# Block kinds that can hold claims.
PROSE = frozenset({"paragraph", "item"})


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # paragraph, item, heading, code, table, html, comment, refdef, footdef, chrome
    start: int  # content start offset (after list bullet, heading hashes, …)
    end: int  # content end offset (exclusive, without the trailing newline)
    level: int = 0  # heading level
    line: int = 0  # 1-based first line


_ATX = rx.compile(r"(#{1,6})(?:[ \t]+|$)")
_SETEXT = rx.compile(r"(=+|-+)[ \t]*$")
# An ordered-list number has up to nine digits (CommonMark), so a list of 1,000 or more
# references does not fold every entry after 999 into the 999th.
_BULLET = rx.compile(r"([ \t]{0,12})([-*+•●▪◦‣·]|\d{1,9}[.)])[ \t]+")
_FENCE = rx.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_FOOTDEF = rx.compile(r"\[\^([^\]\s]+)\]:[ \t]*")
_REFDEF = rx.compile(r"\[([^\]\^][^\]]*)\]:[ \t]*\S")
_HTML_BLOCK = rx.compile(
    r"[ \t]{0,3}</?(?:div|table|p|figure|img|details|summary|section|span|br|hr|sup|sub)\b", re.I
)
_HRULE = rx.compile(r"[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_CLOSE_ITALIC_HEADING = rx.compile(r"\*\*[^*]+\*\*:?$")


def _lines(src: SourceText):
    """(line number, start offset, end offset, text) for every line."""
    text = src.text
    starts = src.line_starts
    last = len(starts) - 1
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i < last else len(text)
        yield i + 1, start, end, text[start:end]


def front_matter_end(text: str) -> tuple[int, bool]:
    """Offset just past a YAML front matter block (0 if none) and whether it was closed."""
    if not text.startswith("---"):
        return 0, True
    first_nl = text.find("\n")
    if first_nl == -1 or text[:first_nl].strip() != "---":
        return 0, True
    pos = first_nl + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl == -1 else nl
        if text[pos:line_end].rstrip() in ("---", "..."):
            return (line_end + 1 if nl != -1 else line_end), True
        if nl == -1:
            break
        pos = nl + 1
    return len(text), False


def markdown_blocks(
    src: SourceText, body_start: int = 0
) -> tuple[list[Block], list[tuple[int, str]]]:
    """Split Markdown into blocks. Returns (blocks, problems as (offset, message))."""
    blocks: list[Block] = []
    problems: list[tuple[int, str]] = []
    fence: str | None = None
    fence_start = 0
    in_comment = False
    comment_start = 0
    para: list[int] | None = None  # [start, end, first_line, kind]
    prev_blank = True

    def flush() -> None:
        nonlocal para
        if para is not None:
            blocks.append(Block(para[3], para[0], para[1], line=para[2]))
            para = None

    for lineno, start, end, line in _lines(src):
        if end <= body_start:
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
                blocks.append(Block("comment", comment_start, end, line=lineno))
            continue
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
                blocks.append(Block("code", fence_start, end, line=lineno))
            continue
        stripped = line.strip()
        if not stripped:
            flush()
            prev_blank = True
            continue
        m = _FENCE.match(line)
        if m:
            flush()
            fence, fence_start = m.group(1), start
            continue
        if stripped.startswith("<!--"):
            flush()
            if "-->" not in stripped[4:]:
                in_comment, comment_start = True, start
            else:
                blocks.append(Block("comment", start, end, line=lineno))
                # text after the comment on the same line is rare; treat the line as a comment
            continue
        m = _ATX.match(line)
        if m:
            flush()
            content_start = start + m.end()
            content = line[m.end() :].rstrip().rstrip("#").rstrip()
            blocks.append(
                Block(
                    "heading",
                    content_start,
                    content_start + len(content),
                    level=len(m.group(1)),
                    line=lineno,
                )
            )
            prev_blank = False
            continue
        if para is not None and para[3] == "paragraph" and _SETEXT.match(line) and not prev_blank:
            level = 1 if stripped.startswith("=") else 2
            blocks.append(Block("heading", para[0], para[1], level=level, line=para[2]))
            para = None
            continue
        if _HRULE.match(line):
            flush()
            prev_blank = True
            continue
        if stripped.startswith("|"):
            flush()
            blocks.append(Block("table", start, end, line=lineno))
            continue
        if _HTML_BLOCK.match(line) or stripped.startswith("$$"):
            flush()
            blocks.append(Block("html", start, end, line=lineno))
            continue
        if prev_blank or para is None or para[3] == "footdef":
            m = _FOOTDEF.match(stripped)
            if m:
                flush()
                offset = start + (len(line) - len(line.lstrip()))
                para = [offset, end, lineno, "footdef"]
                prev_blank = False
                continue
            if _REFDEF.match(stripped):
                flush()
                blocks.append(
                    Block("refdef", start + len(line) - len(line.lstrip()), end, line=lineno)
                )
                continue
        m = _BULLET.match(line)
        if m and not (
            para is not None
            and para[3] == "paragraph"
            and not prev_blank
            and m.group(2)[0].isdigit()
        ):
            flush()
            para = [start + m.end(), end, lineno, "item"]
            prev_blank = False
            continue
        if para is None:
            content_start = start + (len(line) - len(line.lstrip()))
            kind = "paragraph"
            if stripped.startswith(">"):
                kind = "quote"
            para = [content_start, end, lineno, kind]
        else:
            para[1] = end
        prev_blank = False
    flush()
    if fence is not None:
        line, _ = src.position(fence_start)
        problems.append((fence_start, f"code fence opened on line {line} is never closed"))
        blocks.append(Block("code", fence_start, len(src.text)))
    if in_comment:
        problems.append((comment_start, "HTML comment is never closed ('-->' missing)"))
    return blocks, problems


# ---- answer pages ----------------------------------------------------------------------

_PAGE_END = rx.compile(
    r"(?:related questions|professional medical disclaimer|medical disclaimer|disclaimer"
    r"|have a follow-up question\??|ask a follow-up question\??"
    r"|acknowledge?ments?|author contributions?|funding|competing interests|conflicts? of interest"
    r"|declaration of interests?|data availability)\s*$",
    re.I,
)
_REFERENCES = rx.compile(
    r"(?:#{1,6}[ \t]*)?(?:references|bibliography|sources|works cited)[ \t]*:?[ \t]*$", re.I
)
_TXT_BULLET = rx.compile(r"([ \t]*)([•●▪◦‣·\-*]|\d{1,3}[.)])[ \t]+")
_TERMINAL = frozenset(".!?:;,")


def is_title_line(line: str, has_marker: bool) -> bool:
    """A short line without sentence punctuation or citation: a heading on an answer page."""
    s = line.strip()
    if not s or has_marker or s[-1] in _TERMINAL or len(s) > 90:
        return False
    return len(s.split()) <= 12


def answer_page_blocks(src: SourceText, cited_lines: set[int]) -> tuple[list[Block], int, int, int]:
    """Blocks of a scraped answer page.

    ``cited_lines`` are the 1-based lines that end with a citation marker. Returns
    (blocks, body_start_line, references_line, end_line); lines outside
    ``[body_start_line, references_line)`` hold no claims.
    """
    lines = list(_lines(src))
    n = len(lines)
    refs_line = end_line = n + 1
    first_cited = min(cited_lines) if cited_lines else None
    for lineno, _s, _e, line in lines:
        if first_cited is not None and lineno < first_cited:
            continue
        stripped = line.strip()
        if refs_line > n and _REFERENCES.fullmatch(stripped):
            refs_line = lineno
        elif _PAGE_END.match(stripped) and len(stripped) < 60:
            end_line = lineno
            break
    if end_line < refs_line:
        refs_line = end_line
    # The body starts at the title line before the first cited paragraph.
    body_start = 2
    if first_cited is not None:
        body_start = first_cited
        for lineno in range(first_cited - 1, 0, -1):
            text = lines[lineno - 1][3]
            if not text.strip():
                continue
            if is_title_line(text, False):
                body_start = lineno
            break
    blocks: list[Block] = []
    for lineno, start, end, line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if lineno < body_start or lineno >= refs_line:
            if lineno < refs_line or lineno >= end_line:
                blocks.append(Block("chrome", start, end, line=lineno))
            continue
        if stripped.startswith("<!--"):
            blocks.append(Block("comment", start, end, line=lineno))
            continue
        m = _TXT_BULLET.match(line)
        if m:
            blocks.append(Block("item", start + m.end(), end, line=lineno))
        elif is_title_line(line, lineno in cited_lines):
            lead = len(line) - len(line.lstrip())
            blocks.append(
                Block("heading", start + lead, start + lead + len(stripped), level=2, line=lineno)
            )
        else:
            lead = len(line) - len(line.lstrip())
            blocks.append(Block("paragraph", start + lead, end, line=lineno))
    return blocks, body_start, refs_line, end_line
