"""Hostile inputs parse in linear time.

Each test parses a small input and one four times larger, in the same test, and asserts the
time ratio stays below ``RATIO``: linear work gives about 4, quadratic work about 16. No test
asserts an absolute time. Sizes are those of the issue (1 MB of ``[``, 100,000 numbers, a 5 MB
line, 50,000 list items, 10,000 references, 100,000 lines of front matter) for the large input.

Two layers are measured separately, because their costs differ by two orders of magnitude:

- the whole parser (``parse_document``: blocks, markers, sentences, references, and the claim
  analysis: doses and advice) on the literal inputs, where the hostile text is not a claim or
  the claims are short;
- the claim analysis on hostile text *inside* one long claim, at smaller sizes (it costs about
  10 µs per character of claim text, so a megabyte-long claim would take seconds even when
  linear).

For the 5 MB line, the 50,000 list items and the 100,000-number lists (whose numbers are claim
text once the list is too long to be a citation group) the claim analysis is replaced by a stub:
the structure is what those inputs attack; the same shapes run with the analysis at a smaller
size (``test_hostile_text_inside_one_claim``: digits, commas).
"""

from __future__ import annotations

import gc
import time

import pytest

from claimlint.lexicon import load_lexicon
from claimlint.parse import parse_document

RATIO = 8.0  # for a 4x larger input: linear ~4, quadratic ~16
MD_DIALECTS = ("numeric", "pandoc", "footnote")
ALL_DIALECTS = (*MD_DIALECTS, "answer")
# An answer page has a body only from the first cited line on: start every input with one, so
# the hostile text is body text in every dialect.
HEAD = "Back pain in adults\n\nNaproxen eases acute low back pain in adults 1\n\n"
PROSE = "Ibuprofen 400 mg every 6 hours relieves sciatica in adults [1]. "


@pytest.fixture(scope="module")
def lexicon():
    lex = load_lexicon()
    parse_document("warm.md", HEAD + "Ibuprofen 400 mg twice daily helps [1].\n", lexicon=lex)
    parse_document("warm.txt", HEAD, "answer", lexicon=lex)
    return lex


def _best(fn, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            fn(text)
            best = min(best, time.perf_counter() - t0)
        finally:
            gc.enable()
    return best


def assert_linear(make, n: int, fn, bound: float = RATIO, retries: int = 2):
    """Time ``fn(make(n))`` and ``fn(make(4 * n))``; fail when the ratio shows superlinear work.

    The small input's time is the best of three runs; the large input runs once, and again
    (up to ``retries`` times) only while the ratio is over the bound: a noisy run is retried,
    a quadratic stays over the bound on every run.
    """
    small, large = make(n), make(4 * n)
    t_small = _best(fn, small, 3)
    t_large = _best(fn, large, 1)
    for _ in range(retries):
        if t_large / t_small < bound:
            break
        t_large = min(t_large, _best(fn, large, 1))
    ratio = t_large / max(t_small, 1e-4)
    assert ratio < bound, (
        f"{len(small):,} chars: {t_small * 1000:.1f} ms; {len(large):,} chars: "
        f"{t_large * 1000:.1f} ms; ratio {ratio:.1f} >= {bound} (quadratic work?)"
    )
    return t_small, t_large


def parser(lexicon, dialect: str, path: str = "doc.md"):
    def run(text: str) -> None:
        doc = parse_document(path, text, dialect, lexicon=lexicon)
        assert doc.text  # the document really was built

    return run


@pytest.fixture
def structure_only(monkeypatch):
    """Skip the claim analysis (doses, advice): time blocks, markers, sentences, references."""
    from claimlint.parse import statements

    monkeypatch.setattr(statements, "analyze_claims", lambda claims, lexicon=None: ([], []))


# ---- the whole parser on the literal inputs ---------------------------------------------

MB = 1 << 20


@pytest.mark.parametrize("dialect", ALL_DIALECTS)
@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("1 MB of [", lambda n: HEAD + "[" * n + "\n"),
        ("1 MB of @", lambda n: HEAD + "@" * n + "\n"),
        ("1 MB of .", lambda n: HEAD + "." * n + "\n"),
        ("1 MB of spaces, then a digit", lambda n: HEAD + " " * n + "1\n"),
        ("1 MB of unclosed <!--", lambda n: HEAD + "<!--" * (n // 4) + "\n"),
        ("1 MB of ]( and [^", lambda n: HEAD + "[^](" * (n // 4) + "\n"),
        ("1 MB of backticks", lambda n: HEAD + "`" * n + "\n"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_one_megabyte_of_one_character(lexicon, dialect, name, make):
    assert_linear(make, MB // 4, parser(lexicon, dialect))


def assert_no_hot_spot(hostile, plain, fn, bound: float = 10.0) -> None:
    """A hostile text costs at most ``bound`` times a plain text of the same length.

    For patterns with a bounded window (``{1,2000}``) the ratio test above cannot see a
    window rescanned from every position: that is linear, only 2,000 times slower.
    """
    assert len(hostile) == len(plain)
    t_plain = _best(fn, plain, 3)
    t_hostile = _best(fn, hostile, 1)
    if t_hostile / t_plain >= bound:
        t_hostile = min(t_hostile, _best(fn, hostile, 2))
    ratio = t_hostile / max(t_plain, 1e-4)
    assert ratio < bound, (
        f"{len(plain):,} chars: plain {t_plain * 1000:.1f} ms, hostile {t_hostile * 1000:.1f} ms"
    )


@pytest.mark.parametrize("dialect", ALL_DIALECTS)
@pytest.mark.parametrize(
    ("name", "hostile", "plain"),
    [
        # "<a://<a://…": an <autolink> that never closes, rescanned up to 2,000 chars per "<"
        (
            "unclosed autolinks",
            HEAD + "<a://" * (MB // 20) + "\n",
            HEAD + "x" * (MB // 20 * 5) + "\n",
        ),
        # a reference of opening quotes: a quoted title rescanned up to 300 chars per quote
        (
            "a reference of opening quotes",
            "# T\n\n## References\n\n1. " + "\u201c" * (MB // 4) + "\n",
            "# T\n\n## References\n\n1. " + "x" * (MB // 4) + "\n",
        ),
        (
            "an answer-page reference of opening quotes",
            HEAD + "References\n\n" + "\u201c" * (MB // 4) + "\n",
            HEAD + "References\n\n" + "x" * (MB // 4) + "\n",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "",
)
def test_bounded_windows_are_not_rescanned(lexicon, dialect, name, hostile, plain):
    path = "doc.txt" if dialect == "answer" else "doc.md"
    assert_no_hot_spot(hostile, plain, parser(lexicon, dialect, path))


def _numbers(k: int) -> str:
    return ", ".join(str(i) for i in range(1, k + 1))


@pytest.mark.parametrize("dialect", ALL_DIALECTS)
def test_a_marker_list_of_100000_numbers(lexicon, dialect, structure_only):
    make = lambda k: HEAD + f"Naproxen eases back pain in adults [{_numbers(k)}].\n"  # noqa: E731
    assert_linear(make, 25_000, parser(lexicon, dialect))


@pytest.mark.parametrize("dialect", ALL_DIALECTS)
def test_an_answer_page_line_ending_in_100000_numbers(lexicon, dialect, structure_only):
    make = lambda k: HEAD + f"Naproxen eases back pain in adults {_numbers(k)}\n"  # noqa: E731
    assert_linear(make, 25_000, parser(lexicon, dialect, "doc.txt"))


@pytest.mark.parametrize("dialect", ALL_DIALECTS)
def test_ten_thousand_references(lexicon, dialect):
    def numbered(k: int) -> str:
        entries = "".join(
            f"{i}. Author A, Author B. Treatment trial number {i} in adults. J Med. 2020;"
            f" doi:10.1000/trial.{i}\n"
            for i in range(1, k + 1)
        )
        return "# Title\n\n" + HEAD + "Naproxen helps [1, 2].\n\n## References\n\n" + entries

    def answer_page(k: int) -> str:
        entries = "".join(
            f"Research\nTreatment trial number {i}\nJournal of Medicine, 2020\n\n"
            for i in range(1, k + 1)
        )
        return HEAD + "References\n\n" + entries + "Related Questions\n\nWhy?\n"

    def footnotes(k: int) -> str:
        defs = "".join(f"[^r{i}]: Treatment trial number {i}. J Med. 2020.\n" for i in range(k))
        return HEAD + "Naproxen helps back pain.[^r1]\n\n" + defs

    make = {"answer": answer_page, "footnote": footnotes}.get(dialect, numbered)
    path = "doc.txt" if dialect == "answer" else "doc.md"
    assert_linear(make, 2_500, parser(lexicon, dialect, path))
    doc = parse_document(path, make(10_000), dialect, lexicon=lexicon)
    assert len(doc.references) == 10_000  # none folded into another (1000. is a list item)
    assert doc.references[-1].title.startswith("Treatment trial number")


def test_references_with_different_dois_are_not_duplicates():
    from claimlint import lint_text

    entries = "".join(
        f"{i}. Author A, Author B. Treatment trial number {i} in adults. J Med. 2020;"
        f" doi:10.1000/trial.{i}\n"
        for i in range(1, 4)
    )
    text = "# T\n\nNaproxen helps back pain in adults [1-3].\n\n## References\n\n" + entries
    assert [(f.code, f.line) for f in lint_text(text) if f.code == "CL203"] == []


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "unclosed"])
def test_front_matter_of_100000_lines(lexicon, closed):
    def make(k: int) -> str:
        keys = "".join(f"key{i}: value number {i}\n" for i in range(k // 2))
        items = "".join(f"  - condition {i}\n" for i in range(k - k // 2))
        end = "---\n" if closed else ""
        return f"---\ntitle: T\n{keys}conditions:\n{items}{end}\n{HEAD}Naproxen helps [1].\n"

    assert_linear(make, 25_000, parser(lexicon, "numeric"))
    doc = parse_document("doc.md", make(100), lexicon=lexicon)
    assert (len(doc.front_matter.get("conditions", [])) == 50) is closed


@pytest.mark.slow
@pytest.mark.parametrize("dialect", ALL_DIALECTS)
def test_a_five_megabyte_line_of_prose(lexicon, dialect, structure_only):
    make = lambda n: HEAD + (PROSE * (n // len(PROSE) + 1))[:n] + " 1\n"  # noqa: E731
    assert_linear(make, 5 * MB // 4, parser(lexicon, dialect))


def _nested(k: int) -> str:
    """``k`` list items, each indented two more spaces than the last, 50 levels deep and then
    back to the margin (a single staircase of 50,000 levels would be a 2.5 GB file)."""
    lines = [
        f"{'  ' * (i % 50)}- step {i} of the plan: take naproxen with food [1]\n" for i in range(k)
    ]
    return HEAD + "".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize("dialect", ALL_DIALECTS)
def test_fifty_thousand_nested_list_items(lexicon, dialect, structure_only):
    assert_linear(_nested, 12_500, parser(lexicon, dialect))


@pytest.mark.parametrize("dialect", ["numeric", "answer"])
def test_prose_and_nested_items_with_claim_analysis(lexicon, dialect):
    """The two structural shapes again, with doses and advice analysed, at smaller sizes."""
    prose = lambda n: HEAD + (PROSE * (n // len(PROSE) + 1))[:n] + " 1\n"  # noqa: E731
    assert_linear(prose, 16_000, parser(lexicon, dialect))
    assert_linear(_nested, 250, parser(lexicon, dialect))


# ---- the claim analysis on hostile text inside one claim --------------------------------

CLAIM = HEAD + "Ibuprofen helps back pain "


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("[", lambda n: CLAIM + "[" * n + "\n"),
        ("@", lambda n: CLAIM + "@" * n + "\n"),
        (".", lambda n: CLAIM + "." * n + " 1\n"),
        ("<!--", lambda n: CLAIM + "<!--" * (n // 4) + "\n"),
        ("[1]", lambda n: CLAIM + "[1]" * (n // 3) + "\n"),
        ("digits", lambda n: CLAIM + "1 " * (n // 2) + "\n"),
        ("commas", lambda n: CLAIM + ", " * (n // 2) + "1\n"),
        ("(", lambda n: CLAIM + "(" * n + "5 mg\n"),
        ("words", lambda n: CLAIM + ("and also in adults " * (n // 19 + 1))[:n] + "\n"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_hostile_text_inside_one_claim(lexicon, name, make):
    assert_linear(make, 8_000, parser(lexicon, "numeric"))


def test_a_long_run_of_spaces_inside_one_claim(lexicon):
    make = lambda n: CLAIM + " " * n + "1\n"  # noqa: E731
    assert_linear(make, 8_000, parser(lexicon, "numeric"))


def test_many_dose_amounts_inside_one_claim(lexicon):
    make = lambda n: CLAIM + "5 mg " * n + "\n"  # noqa: E731
    assert_linear(make, 200, parser(lexicon, "numeric"))
