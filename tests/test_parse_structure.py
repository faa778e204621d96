"""Markdown claims: sentences of body prose with the markers that cite them, and detection of
the dialect."""

from __future__ import annotations

import random
import re

import pytest

from claimlint.parse import detect_dialect, parse_document
from claimlint.parse.structure_claims import _has_letter


def claims(text: str, path: str = "doc.md"):
    return [(c.text, [m.label for m in c.markers]) for c in parse_document(path, text).claims]


def test_a_marker_cites_the_last_sentence_starting_at_or_before_it():
    text = "# T\n\nTake 5 mg daily [1]. Stop it after a week. [2] Then review it [3].\n"
    assert claims(text) == [
        ("Take 5 mg daily [1].", ["1"]),
        ("Stop it after a week.", ["2"]),
        ("Then review it [3].", ["3"]),
    ]


def test_one_sentence_blocks_get_all_their_markers():
    text = "- [4] Naproxen 500 mg twice daily helps [1, 2].\n- Short one.\n- Is it safe to use?\n"
    assert claims(text) == [("Naproxen 500 mg twice daily helps [1, 2].", ["4", "1", "2"])]


def test_sentences_without_letters_or_words_are_no_claims():
    text = "Para one.\n\n- 12345 678 9 [2]\n- Lead-in as follows:\n- Two words [3]\n"
    assert claims(text) == []


def test_reference_list_and_page_end_hold_no_claims():
    text = (
        "# Answer\n\nIbuprofen helps adults with pain [1].\n\n## References\n\n"
        "1. Smith J. A trial of ibuprofen. Lancet. 2020.\n\n## Related questions\n\n"
        "What about naproxen in adults then?\n\n# Next\n\nBack in the body again [1].\n"
    )
    doc = parse_document("doc.md", text)
    assert [c.text for c in doc.claims] == [
        "Ibuprofen helps adults with pain [1].",
        "Back in the body again [1].",
    ]
    assert [r.title for r in doc.references] == ["A trial of ibuprofen"]
    assert doc.title == "Answer"


@pytest.mark.parametrize(
    ("text", "dialect"),
    [
        ("Text [1].\n", "numeric"),
        ("Text [@key].\n", "pandoc"),
        ("Text; @key says.\n", "pandoc"),
        ("Mail me at someone@example.org.\n", "numeric"),
        ("Text [^1].\n\n[^1]: Smith.\n", "footnote"),
        ("Text [^1] without a definition.\n", "numeric"),
    ],
)
def test_dialect(text, dialect):
    assert detect_dialect("doc.md", text, {}) == dialect


def test_has_letter_agrees_with_isalpha_on_every_character():
    """The letter search finds candidates by pattern ("²" and "½" are word characters but no
    letters) and checks each with str.isalpha."""
    rng = random.Random(3)
    chars = ["a", "\u00e9", "\u03b2", "\u4e2d", "1", "\u00b2", "\u00bd", "\u2167", "\u0663", "_"]
    chars += [" ", ".", "\u201c", "\u00a0", "-", "\u02b0", "\u1d2c", "\u01c5"]
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 8)))
        s = rng.randrange(len(text))
        e = rng.randint(s + 1, len(text))
        assert _has_letter(text, s, e) == any(c.isalpha() for c in text[s:e]), (text, s, e)


def test_footnote_definition_line_agrees_with_the_multiline_anchor():
    """The dialect's definition test opens with "[" and a lookbehind instead of "^" (re.M)."""
    from claimlint.parse import _FOOTDEF_LINE

    anchored = re.compile(r"^\[\^[^\]\s]+\]:", re.M)
    rng = random.Random(5)
    pieces = ["[^", "[", "^", "1", "]", ":", "]:", "\n", " ", "x", "\r", "\u2028", "[^a b]:"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        found, expected = _FOOTDEF_LINE.search(text), anchored.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
