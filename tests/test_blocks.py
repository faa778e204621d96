"""The Markdown block pass: each line is checked only for the block syntax its first
character can open, in a fixed order (fence, comment, heading, setext, rule, table, HTML,
definitions, bullet)."""

from __future__ import annotations

import pytest

from claimlint.parse.blocks import markdown_blocks
from claimlint.source import SourceText


def kinds(text: str):
    blocks, problems = markdown_blocks(SourceText.from_text(text))
    return [(b.kind, text[b.start : b.end], b.level) for b in blocks], problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Text\n---\n", [("heading", "Text", 2)]),  # setext before rule
        ("Title\n===\n", [("heading", "Title", 1)]),
        ("- - -\n", []),  # a rule, not a list item
        ("___\n", []),
        ("* item\n- item\n+ item\n", [("item", "item", 0)] * 3),
        # a number opening a line inside a paragraph continues the paragraph
        (
            "Dose was given in\n2019. Then stopped.\n",
            [("paragraph", "Dose was given in\n2019. Then stopped.", 0)],
        ),
        ("\u0663. Arabic-Indic digit item\n", [("item", "Arabic-Indic digit item", 0)]),
        (
            "#hashtag is text\n# Heading #\n",
            [("paragraph", "#hashtag is text", 0), ("heading", "Heading", 1)],
        ),
        (
            "  <!-- note -->\n<!-- open\nstill\n-->\nAfter\n",
            [
                ("comment", "  <!-- note -->", 0),
                ("comment", "<!-- open\nstill\n-->", 0),
                ("paragraph", "After", 0),
            ],
        ),
        ("$$\nx\n", [("html", "$$", 0), ("paragraph", "x", 0)]),
        (
            "[^1]: Smith J.\n  more\n\n[a]: https://x\n",
            [("footdef", "[^1]: Smith J.\n  more", 0), ("refdef", "[a]: https://x", 0)],
        ),
        ("\xa0- not a bullet\n", [("paragraph", "- not a bullet", 0)]),
        (
            "> quote\n| a | b |\n<div>\n",
            [("quote", "> quote", 0), ("table", "| a | b |", 0), ("html", "<div>", 0)],
        ),
    ],
)
def test_block_kinds(text, expected):
    assert kinds(text) == (expected, [])


def test_unclosed_fence_is_code_to_the_end():
    text = "```\ncode\n```\n~~~\nopen"
    assert kinds(text) == (
        [("code", "```\ncode\n```", 0), ("code", "~~~\nopen", 0)],
        [(13, "code fence opened on line 4 is never closed")],
    )


def test_front_matter_lines_are_skipped():
    text = "---\ntitle: x\n---\n- item\n"
    blocks, _ = markdown_blocks(SourceText.from_text(text), body_start=text.index("- item"))
    assert [(b.kind, b.line) for b in blocks] == [("item", 4)]


def test_blocks_from_given_lines_are_the_blocks_of_the_text():
    text = (
        "---\nt: 1\n---\n# H\r\n\r\nPara one\nstill.\n\n- item [1]\n```\ncode\n```\n<!-- c\n-->\n"
    )
    src, lines = SourceText.with_lines(text)
    for body_start in (0, text.index("# H")):
        assert markdown_blocks(src, body_start, lines) == markdown_blocks(src, body_start)
