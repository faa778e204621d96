"""A line-based block pass: one walk over the lines, no Markdown library.

Markdown: front matter, fenced code, HTML comments and blocks, ATX and setext headings, list
items, paragraphs, tables, block quotes, link and footnote definitions. (Answer pages have
their own, simpler pass in :mod:`claimlint.parse.answer`; the headings that end a page's body
are shared.)
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


# What a line's first non-blank character must be for any block syntax but a paragraph to
# start there (fence, comment, heading, rule, table, HTML, math, definition, bullet): a line
# that opens with none of these and no digit can only be paragraph text.
_OPENERS = frozenset("`~<#=-*_|$[+•●▪◦‣·")
_BULLET_CHARS = frozenset("-*+•●▪◦‣·")


def markdown_blocks(
    src: SourceText, body_start: int = 0, lines: list[str] | None = None
) -> tuple[list[Block], list[tuple[int, str]]]:
    """Split Markdown into blocks. Returns (blocks, problems as (offset, message)).

    ``lines`` are the text's lines as :meth:`SourceText.with_lines` gives them (split here
    when not given)."""
    blocks: list[Block] = []
    problems: list[tuple[int, str]] = []
    fence: str | None = None
    fence_start = 0
    in_comment = False
    comment_start = 0
    para: list | None = None  # [start, end, first_line, kind]
    prev_blank = True
    if lines is None:
        lines = src.text.split("\n")  # (the lines, as line_starts counts them)
    for lineno, (start, line) in enumerate(zip(src.line_starts, lines, strict=True), 1):
        end = start + len(line)
        if end <= body_start:
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
                blocks.append(Block("comment", comment_start, end, 0, lineno))
            continue
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
                blocks.append(Block("code", fence_start, end, 0, lineno))
            continue
        if not stripped:
            if para is not None:
                blocks.append(Block(para[3], para[0], para[1], 0, para[2]))
                para = None
            prev_blank = True
            continue
        c = stripped[0]
        what = None
        if c in _OPENERS or c.isdecimal():
            what, m = _opening(line, stripped, c, para, prev_blank)
        if what is None:  # paragraph text
            if para is None:
                content_start = start + (len(line) - len(line.lstrip()))
                para = [content_start, end, lineno, "quote" if c == ">" else "paragraph"]
            else:
                para[1] = end
            prev_blank = False
            continue
        if what == "setext":  # the paragraph above was a heading
            level = 1 if c == "=" else 2
            blocks.append(Block("heading", para[0], para[1], level=level, line=para[2]))
            para = None
            continue
        if para is not None:
            blocks.append(Block(para[3], para[0], para[1], 0, para[2]))
            para = None
        if what == "item":
            para = [start + m.end(), end, lineno, "item"]
            prev_blank = False
        elif what == "heading":
            content_start = start + m.end()
            content = line[m.end() :].rstrip().rstrip("#").rstrip()
            level = len(m.group(1))
            blocks.append(
                Block("heading", content_start, content_start + len(content), level, lineno)
            )
            prev_blank = False
        elif what == "fence":
            fence, fence_start = m.group(1), start
        elif what == "comment":
            if "-->" not in stripped[4:]:
                in_comment, comment_start = True, start
            else:
                # text after the comment on the same line is rare; treat the line as a comment
                blocks.append(Block("comment", start, end, line=lineno))
        elif what == "rule":
            prev_blank = True
        elif what == "footdef":
            para = [start + (len(line) - len(line.lstrip())), end, lineno, "footdef"]
            prev_blank = False
        elif what == "refdef":
            blocks.append(Block("refdef", start + len(line) - len(line.lstrip()), end, line=lineno))
        else:  # table, html
            blocks.append(Block(what, start, end, 0, lineno))
    _flush(blocks, para)
    if fence is not None:
        line, _ = src.position(fence_start)
        problems.append((fence_start, f"code fence opened on line {line} is never closed"))
        blocks.append(Block("code", fence_start, len(src.text)))
    if in_comment:
        problems.append((comment_start, "HTML comment is never closed ('-->' missing)"))
    return blocks, problems


def _opening(line: str, stripped: str, c: str, para: list | None, prev_blank: bool):
    """What block syntax ``line`` (first non-blank character ``c``) opens, and its match:
    fence, comment, heading, setext (underlines the paragraph above), rule, table, html,
    footdef, refdef, item; or None (paragraph text). A syntax is tried only when its pattern
    can start (a rule: start and end) with ``c``; where several can, in the order above."""
    if c in _BULLET_CHARS or c.isdecimal():  # the common case first: what a bullet can be
        if c == "-" and _underlines(line, para, prev_blank):
            return "setext", None
        if c in "-*" and stripped[-1] == c and _HRULE.match(line):
            return "rule", None
        m = _BULLET.match(line)
        # (a number opening a line inside a paragraph continues the paragraph)
        if m and not (
            para is not None and para[3] == "paragraph" and not prev_blank and c.isdecimal()
        ):
            return "item", m
        return None, None
    if c == "#":
        m = _ATX.match(line)
        return ("heading", m) if m else (None, None)
    if c in "`~" and (m := _FENCE.match(line)):
        return "fence", m
    if c == "<" and stripped.startswith("<!--"):
        return "comment", None
    if c == "=" and _underlines(line, para, prev_blank):
        return "setext", None
    if c == "_" and stripped[-1] == c and _HRULE.match(line):
        return "rule", None
    if c == "|":
        return "table", None
    if (c == "<" and _HTML_BLOCK.match(line)) or (c == "$" and stripped.startswith("$$")):
        return "html", None
    if c == "[" and (prev_blank or para is None or para[3] == "footdef"):
        if _FOOTDEF.match(stripped):
            return "footdef", None
        if _REFDEF.match(stripped):
            return "refdef", None
    return None, None


def _underlines(line: str, para: list | None, prev_blank: bool) -> bool:
    """A setext underline ("===", "---") right below a paragraph."""
    return (
        para is not None and para[3] == "paragraph" and not prev_blank and bool(_SETEXT.match(line))
    )


def _flush(blocks: list[Block], para: list | None) -> None:
    """Close the open paragraph (or item, quote, footnote definition), if any."""
    if para is not None:
        blocks.append(Block(para[3], para[0], para[1], 0, para[2]))


# ---- headings that end the body: a reference list, or the end of the page ----------------

PAGE_END = rx.compile(
    r"(?:related questions|professional medical disclaimer|medical disclaimer|disclaimer"
    r"|have a follow-up question\??|ask a follow-up question\??"
    r"|acknowledge?ments?|author contributions?|funding|competing interests|conflicts? of interest"
    r"|declaration of interests?|data availability)\s*$",
    re.I,
)
REFERENCES_TITLE = rx.compile(
    r"(?:#{1,6}[ \t]*)?(?:references|bibliography|sources|works cited)[ \t]*:?[ \t]*$", re.I
)
