"""Sentence splitting: examples, and agreement with a plain reference implementation (the
pattern in its natural form, tried at every character, and a character-by-character trim)."""

from __future__ import annotations

import random
import re

import pytest

from claimlint.parse.sentences import _ABBREV, split_sentences

# The sentence-end pattern as first written: the run check before the mark.
_REFERENCE_END = re.compile(
    r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de•])"
)


def reference_split(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cur = start
    for m in _REFERENCE_END.finditer(masked, start, end):
        word_start = masked.rfind(" ", cur, m.start()) + 1
        word = masked[max(word_start, cur) : m.start()].lower().lstrip("([\"'")
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        spans.append((cur, m.end()))
        cur = m.end()
    spans.append((cur, end))
    out = []
    for s, e in spans:
        while s < e and masked[s].isspace():
            s += 1
        while e > s and masked[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Take 5 mg daily. Stop if a rash appears.",
            ["Take 5 mg daily.", "Stop if a rash appears."],
        ),
        ("Use an NSAID, e.g. Naproxen, for pain.", ["Use an NSAID, e.g. Naproxen, for pain."]),
        ("Ask Dr. Smith. Then wait.", ["Ask Dr. Smith.", "Then wait."]),
        ('Wait... Then go!  "Really?" Yes.', ["Wait...", "Then go!", '"Really?"', "Yes."]),
        ("  padded  ", ["padded"]),
        ("   ", []),
        ("Ends with a quote.\u201d Next one.", ["Ends with a quote.\u201d", "Next one."]),
    ],
)
def test_examples(text, expected):
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == expected


def test_agrees_with_the_reference_on_random_text():
    rng = random.Random(7)
    pieces = [".", "!", "?", "...", " ", "\n", "A", "b", "e.g", "Dr", "x", '"', "'", "\u201d", ")"]
    pieces += ["]", "(", "[", "•", "1", "\u00c9", "\t", "\u201c", "\u00a0"]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        for _ in range(3):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert split_sentences(text, start, end) == reference_split(text, start, end), (
                text,
                start,
                end,
            )


def test_blocks_with_a_mark_only_at_their_end_agree_with_the_reference():
    """The pattern is searched only where a mark comes before a block's last character."""
    rng = random.Random(11)
    words = ["Take", "it", "e.g", "1", "\u00c9", "x", "(", '"', "\u201c"]
    blanks = [" ", "\n", "\t", "\u00a0", "\u2003", "\u3000", ""]
    ends = [".", "!", "?", "...", '."', ".)", "?\u201d", "", "x"]
    for _ in range(3000):
        text = "".join(rng.choice(words + blanks) for _ in range(rng.randint(0, 12)))
        text = rng.choice(blanks) + text + rng.choice(ends) + rng.choice(blanks) * rng.randint(0, 2)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        for s, e in ((0, len(text)), (start, end)):
            assert split_sentences(text, s, e) == reference_split(text, s, e), (text, s, e)
