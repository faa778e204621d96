import pytest

from claimlint.model import MarkerKind
from claimlint.parse import markers as M


def labels(ms):
    return [m.label for m in ms]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Use it [1].", ["1"]),
        ("Use it [1, 3].", ["1", "3"]),
        ("Use it [2-4].", ["2", "3", "4"]),
        ("Use it [1\u20133, 5].", ["1", "2", "3", "5"]),
        ("A link [1](http://x) and a task [ ] and [x].", []),
        ("Definition-like [2]: text", []),
    ],
)
def test_numeric_groups(text, expected):
    markers, bad = M.numeric_markers(text)
    assert labels(markers) == expected
    assert bad == []


@pytest.mark.parametrize("text", ["Bad [3-1].", "Bad [1;2].", "Bad [0].", "Bad [1-500]."])
def test_malformed_numeric_groups(text):
    markers, bad = M.numeric_markers(text)
    assert markers == []
    assert len(bad) == 1
    assert bad[0].span.start == text.index("[")


def test_numeric_marker_span_points_at_the_number():
    text = "Start naproxen [4, 12]."
    markers, _ = M.numeric_markers(text)
    assert [text[m.span.start : m.span.end] for m in markers] == ["4", "12"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As shown [@smith2020].", ["smith2020"]),
        ("As shown [@a; @b, p. 4].", ["a", "b"]),
        ("As @smith2020 says.", ["smith2020"]),
        ("As shown [-@smith2020].", ["smith2020"]),
        ("See [@doi:10.1038/nature14539].", ["doi:10.1038/nature14539"]),
        ("See [@pmid:123456; @tag:Foo2016].", ["pmid:123456", "tag:Foo2016"]),
        ("Figure @fig:overview and [@tbl:x] are cross-references.", []),
        ("Mail me at someone@example.org.", []),
        ("Trailing punctuation @key.", ["key"]),
        ("Braced [@{weird key}].", ["weird key"]),
    ],
)
def test_citekeys(text, expected):
    markers, bad, _groups = M.citekey_markers(text)
    assert labels(markers) == expected
    assert all(m.kind == MarkerKind.CITEKEY for m in markers)
    assert bad == []


def test_comma_separated_group_is_malformed_but_keys_are_kept():
    markers, bad, _ = M.citekey_markers("Text [@doi:10.1/a, @doi:10.1/b; @c].")
    assert labels(markers) == ["doi:10.1/a", "doi:10.1/b", "c"]
    assert len(bad) == 1 and "';'" in bad[0].reason


def test_group_item_without_at_is_malformed():
    _markers, bad, _ = M.citekey_markers("Text [@a; 10.1073/pnas.2005615117].")
    assert len(bad) == 1 and "no '@key'" in bad[0].reason


def test_footnotes():
    text = "Claim[^1] and another[^nice]. [^1]: definition"
    assert labels(M.footnote_markers(text)) == ["1", "nice"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Take pregabalin 150 mg twice daily 1", ["1"]),
        ("Both are effective 1, 4", ["1", "4"]),
        ("Avoid this combination toxicity 1.", ["1"]),
        ("Monitor after more than 1-2 weeks 1", ["1"]),
        ("Patients with type 2", []),
        ("Keep HbA1c below 7", []),
        ("Reassess at week 2", []),
        ("Blood pressure 140/90 2", []),
        ("Score on the 0-10 scale (0.60-0.79 points) 1", ["1"]),
        ("In 2019", []),
    ],
)
def test_trailing_markers(sentence, expected):
    markers, _end = M.trailing_markers(sentence, 0, len(sentence))
    assert labels(markers) == expected


def test_trailing_marker_text_end_excludes_marker():
    s = "Take pregabalin twice daily 4, 2"
    markers, end = M.trailing_markers(s, 0, len(s))
    assert s[:end] == "Take pregabalin twice daily"
    assert [s[m.span.start : m.span.end] for m in markers] == ["4", "2"]


def test_ends_with_markers_agrees_with_trailing_markers():
    """The answer-page line scan asks only whether a line ends in markers."""
    import random

    from claimlint.parse.markers import ends_with_markers, trailing_markers
    from conftest import EXAMPLES, SHARED

    lines = []
    for path in [*EXAMPLES.rglob("*.txt"), *SHARED.glob("seeds/*.txt")]:
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    rng = random.Random(3)
    pieces = ["daily", "mg", " ", ".", ")", "0", "00", "1", "12", "2019", ",", "-", "in", "x"]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for line in lines:
        expected = bool(trailing_markers(line, 0, len(line))[0])
        assert ends_with_markers(line, 0, len(line)) == expected, line
