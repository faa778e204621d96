"""What the Markdown parser blanks before splitting sentences (each dialect's citation groups),
and the answer pages' trailing numbers read backwards agreeing with a forward search."""

from __future__ import annotations

import random
import re

import pytest

from claimlint.parse import markers as M
from claimlint.parse import structure_answer_markers as A

TEXTS = [
    "Use it [1]. Then [2, 3-5] and [7–9, 12]. Not [0] nor [1;2] nor [3-1] nor [12345].",
    "Links [1](http://x), tasks [ ] and [x]; a definition-like [2]: text.",
    "As shown [@smith2020]. Also [@a; @b, p. 4] and [-@c]. @doe2021 says so.",
    "Mixed [@a, @b] and [see p. 4] and [@fig:one] and [@tbl:x; @real]. Mail x@y.org.",
    "Braced [@{weird key}] and in-text @{other key} and [@] and [@a; no key].",
    "Footnotes[^1] and[^note] but not [^def]: a definition, and [^ spaced].",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_group_spans_are_every_marked_or_malformed_group(text):
    markers, bad, spans = M.numeric_groups(text)
    assert (markers, bad) == M.numeric_markers(text)
    assert set(spans) == {(m.group.start, m.group.end) for m in markers} | {
        (b.span.start, b.span.end) for b in bad
    }

    markers, bad, spans = M.citekey_groups(text)
    _m, _b, groups = M.citekey_markers(text)
    assert (markers, bad) == (_m, _b)
    assert set(spans) == {(g.start, g.end) for g in groups} | {
        (m.group.start, m.group.end) for m in markers
    }

    markers, spans = M.footnote_groups(text)
    assert markers == M.footnote_markers(text)
    assert set(spans) == {(m.group.start, m.group.end) for m in markers}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[@a] and [@b]", ["a", "b"]),  # every "@" inside a group: no in-text scan needed
        ("[@a] and @b", ["a", "b"]),
        ("@b first, then [@a]", ["b", "a"]),  # sorted by position
        ("[@a] mail x@y.org", ["a"]),  # an "@" outside the groups that is no citation
    ],
)
def test_in_text_citekeys(text, expected):
    assert [m.label for m in M.citekey_markers(text)[0]] == expected


# The trailing-numbers pattern as first written: searched forwards, the leftmost start wins.
_FORWARD_TAIL = re.compile(
    r"(?<![ \t\u00a0])[ \t\u00a0]+(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3}){0,30})[ \t]*\.?[ \t]*$"
)


def forward_tail(text: str, start: int, end: int):
    window_start = max(start, end - A._TAIL_WINDOW)
    m = _FORWARD_TAIL.search(text[window_start:end])
    if m is None:
        return None
    return window_start + m.start(), window_start + m.start(1), window_start + m.end(1)


def backward_tail(text: str, start: int, end: int):
    window_start = max(start, end - A._TAIL_WINDOW)
    window = text[window_start:end]
    if window.endswith("\n"):
        window = window[:-1]
    m = A._TAIL_REVERSED.match(window[::-1])
    if m is None:
        return None
    stop = window_start + len(window)
    return stop - m.end(), stop - m.end(1), stop - m.start(1)


def test_reading_the_tail_backwards_agrees_with_a_forward_search():
    rng = random.Random(5)
    seps = [",", ", ", " ,", " , ", ",\t", ",\u00a0", "\u00a0,", " ", "", ",,"]
    blanks = [" ", "  ", "\t", "\u00a0", " \u00a0", "", "\n"]
    words = ["daily", "in 2019", "x)", "(", "140/90", "", "A"]
    for _ in range(3000):
        count = rng.choice([1, 2, 3, 30, 31, 32, 40])
        numbers = [str(rng.choice([0, 7, 12, 999, 1000, 2019])) for _ in range(count)]
        body = "".join(n + rng.choice(seps) for n in numbers[:-1]) + numbers[-1]
        words_before = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        text = words_before + rng.choice(blanks) + body
        text += rng.choice(["", ".", " . ", "\t", "..", "\n", ".\n"])
        for start in (0, rng.randint(0, len(text))):
            end = rng.randint(start, len(text))
            for a, b in ((start, len(text)), (start, end)):
                assert backward_tail(text, a, b) == forward_tail(text, a, b), (text, a, b)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Take it twice daily 4, 2", ["4", "2"]),
        ("Take it twice daily 4 , 2.", ["4", "2"]),
        ("Take it twice daily\u00a04", ["4"]),
        ("Take it twice daily 0", []),
        ("Take it twice daily 00", ["0"]),
        ("Take it twice daily 1234", []),
        ("Take it twice daily 4\n", ["4"]),
        # more than 31 numbers: the last 31 would follow a comma, not text
        ("Take it twice daily " + ", ".join(str(k) for k in range(1, 41)), []),
    ],
)
def test_trailing_numbers(sentence, expected):
    assert [m.label for m in M.trailing_markers(sentence, 0, len(sentence))[0]] == expected
    assert M.ends_with_markers(sentence, 0, len(sentence)) == bool(expected)
