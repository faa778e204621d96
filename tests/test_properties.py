"""Property tests: the parser and the marker/dose grammars never raise, keep every span inside
the document, and are deterministic, on arbitrary text and on mutated example documents.

Example counts (``max_examples``) are listed per test; run with
``--hypothesis-show-statistics`` to see how many each run tried, and with
``CLAIMLINT_FUZZ_SCALE=N`` to search N times deeper.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.parse import DIALECTS, parse_document
from claimlint.parse import markers as M
from claimlint.source import SourceText

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "examples" / "good"
SEEDS = tuple(
    (p.name, p.read_text(encoding="utf-8"))
    for p in sorted([*GOOD.glob("*.md"), *GOOD.glob("*.txt")])
)
PATHS = ("doc.md", "doc.txt")
DIALECT_CHOICES = (None, *DIALECTS)

# Pieces of syntax the parser cares about, mixed into arbitrary text.
TOKENS = (
    "[",
    "]",
    "@",
    "@key",
    "[@a; @b]",
    "[^1]",
    "[^1]: ",
    "0",
    "1",
    "7",
    "12",
    "100000",
    "1, 2",
    ", 3",
    "[1]",
    "[2-4]",
    "[1–3, 5]",
    "---",
    "...",
    "```",
    "~~~",
    "<!--",
    "-->",
    "<!-- claimlint-disable-next-line CL101 -- why -->",
    "<!-- claimlint-disable -->",
    "- ",
    "* ",
    "• ",
    "1. ",
    "# ",
    "## References\n",
    "References\n",
    "Related Questions\n",
    "Guideline\n",
    "-",
    "–",
    "—",
    "\u2212",
    "\u00a0",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\t",
    "    ",
    ".",
    ". ",
    "(",
    ")",
    "|",
    ">",
    "mg",
    " 500 mg twice daily",
    "ibuprofen 400 mg",
    "10 mg/kg",
    "do not use",
    "`",
    "https://x.org/a",
    "title: T\n",
    "bibliography: refs.bib\n",
)

# Arbitrary unicode (including control characters and \r), never NUL: the reader refuses NUL.
ANY_CHAR = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))
ARBITRARY = st.lists(
    st.one_of(st.text(ANY_CHAR, max_size=30), st.sampled_from(TOKENS)), max_size=40
).map("".join)


@st.composite
def mutated_example(draw) -> tuple[str, str]:
    """An example document with a few random edits: inserted syntax, deleted ranges,
    duplicated, deleted or swapped lines."""
    name, text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(("insert", "insert", "delete", "dup", "drop", "swap")))
        if op == "insert":
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + draw(st.sampled_from(TOKENS)) + text[pos:]
        elif op == "delete":
            a = draw(st.integers(0, len(text)))
            b = draw(st.integers(a, min(len(text), a + 40)))
            text = text[:a] + text[b:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "dup":
                lines.insert(i, lines[i])
            elif op == "drop" and len(lines) > 1:
                del lines[i]
            elif op == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return name, text


LINES = (
    "# Heading",
    "## References",
    "References",
    "### Sources:",
    "Related Questions",
    "Guideline",
    "Research",
    "Title Line Without Punctuation",
    "Setext heading",
    "===",
    "---",
    "***",
    "```",
    "~~~ python",
    "<!--",
    "-->",
    "<!-- claimlint-disable CL101 -->",
    "<!-- claimlint-enable -->",
    "<!-- claimlint-disable-next-line -->",
    "<!-- claimlint-disable-file CL3 -- reason -->",
    "<div>",
    "$$",
    "| a | b |",
    "> quoted naproxen 500 mg twice daily [1].",
    "[^1]: A footnote reference. J Med. 2020.",
    "    continued footnote text",
    "[@tag:x]: doi:10.1000/xyz",
    "[1]: https://example.org",
    "1. Author A. A title of a trial. J Med. 2020. doi:10.1000/abc",
    "2) Another reference entry, 2019.",
    "[3] Bracketed reference entry. Lancet. 2018.",
    "- Ibuprofen 400 mg every 6 hours is an option [1, 2].",
    "* Do not use diazepam for low back pain [@qaseem2017; @enke2018].",
    "  • Pregabalin 150-300 mg twice daily may help 1, 2",
    "      - deeply nested item with naproxen [^1]",
    "Gabapentin is titrated to 900-3600 mg/day [2–4]. Stop if dizzy. 3",
    "As @qaseem2017 notes, exercise comes first.",
    "Paracetamol 1 g every 6 hours, maximum 4 g/day. 1",
    "Ok then. 1",
    "1, 2",
    "Is it safe?",
    "Note:",
    "",
    "",
)


@st.composite
def line_document(draw) -> tuple[str, str]:
    """A document assembled from lines that each open or close a parser state."""
    lines = draw(st.lists(st.sampled_from(LINES), max_size=30))
    front = draw(st.sampled_from(("", "---\ntitle: T\nbibliography: refs.bib\n---\n", "---\n")))
    sep = draw(st.sampled_from(("\n", "\r\n", "\r")))
    return draw(st.sampled_from(("doc.md", "doc.txt"))), front + sep.join(lines) + sep


def all_spans(doc):
    """(what, span) for every span the document model holds."""
    for c in doc.claims:
        yield f"claim {c.index}", c.span
        for mk in c.markers:
            yield f"claim {c.index} marker", mk.span
            yield f"claim {c.index} marker group", mk.group
    for mk in doc.markers:
        yield f"marker {mk.label}", mk.span
        yield f"marker {mk.label} group", mk.group
    for bad in doc.malformed_markers:
        yield "malformed marker", bad.span
    for r in doc.references:
        yield f"reference {r.label}", r.span
    if doc.references_span is not None:
        yield "references heading", doc.references_span
    for _key, _target, span in doc.aliases:
        yield "alias", span
    for d in doc.dose_mentions:
        yield f"dose {d.text!r}", d.span
    for a in doc.advice:
        yield f"advice {a.text!r}", a.span
    for s in doc.suppressions:
        yield "suppression", s.span
    for p in doc.problems:
        yield f"problem {p.message!r}", p.span
    for s in doc.sections:
        yield f"section {s.title!r}", s.span


def check_document(path: str, raw: str, dialect: str | None):
    doc = parse_document(path, raw, dialect)
    text = doc.text
    assert text == SourceText.from_text(raw).text
    n = len(text)
    for what, span in all_spans(doc):
        assert 0 <= span.start <= span.end <= n, f"{what} {span} outside 0..{n}"
    for c in doc.claims:
        assert text[c.span.start : c.span.end].strip() == c.text
        for mk in c.markers:
            assert mk.group.start <= mk.span.start <= mk.span.end <= mk.group.end
    for mk in doc.markers:
        assert mk.group.start <= mk.span.start <= mk.span.end <= mk.group.end
    for d in doc.dose_mentions:
        assert text[d.span.start : d.span.end] == d.text
    assert [m.span.start for m in doc.markers] == sorted(m.span.start for m in doc.markers)
    for before, after in zip(doc.claims, doc.claims[1:], strict=False):
        assert before.span.end <= after.span.start, "claims overlap or are out of order"
    in_doc = set(doc.markers)
    assert all(mk in in_doc for c in doc.claims for mk in c.markers)
    assert [c.index for c in doc.claims] == list(range(len(doc.claims)))
    again = parse_document(path, raw, dialect)
    assert again == doc, "parsing the same text twice gave different documents"
    return doc


# CLAIMLINT_FUZZ_SCALE=50 runs fifty times as many examples (a deeper search, not for CI).
SCALE = max(1, int(os.environ.get("CLAIMLINT_FUZZ_SCALE", "1") or 1))


def fast(n: int):
    """At most ``n`` examples, no per-example deadline (the first parse loads the lexicon)."""
    return settings(
        max_examples=n * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


@fast(300)
@given(
    raw=ARBITRARY,
    path=st.sampled_from(PATHS),
    dialect=st.sampled_from(DIALECT_CHOICES),
)
def test_arbitrary_text_parses_in_every_dialect(raw, path, dialect):
    check_document(path, raw, dialect)


@fast(300)
@given(sample=mutated_example(), dialect=st.sampled_from(DIALECT_CHOICES))
def test_mutated_examples_parse_in_every_dialect(sample, dialect):
    name, raw = sample
    check_document(name, raw, dialect)


@fast(300)
@given(sample=line_document(), dialect=st.sampled_from(DIALECT_CHOICES))
def test_documents_of_syntax_lines_parse_in_every_dialect(sample, dialect):
    name, raw = sample
    check_document(name, raw, dialect)


@pytest.mark.parametrize(("name", "raw"), SEEDS, ids=[n for n, _ in SEEDS])
@pytest.mark.parametrize("dialect", DIALECT_CHOICES)
def test_examples_themselves_hold_the_invariants(name, raw, dialect):
    doc = check_document(name, raw, dialect)
    assert doc.claims, "an example with no claims would make the mutation tests weak"


def _within(finding, src: SourceText) -> None:
    assert 1 <= finding.line <= src.line_count, finding
    assert 1 <= finding.column <= len(src.line_text(finding.line)) + 1, finding
    assert 1 <= finding.end_line <= src.line_count, finding
    assert 1 <= finding.end_column <= len(src.line_text(finding.end_line)) + 1, finding
    assert (finding.line, finding.column) <= (finding.end_line, finding.end_column), finding
    for rel in finding.related:
        if rel.path == finding.path:
            assert 1 <= rel.line <= src.line_count, finding
            assert 1 <= rel.column <= len(src.line_text(rel.line)) + 1, finding


@fast(150)
@given(
    sample=st.one_of(
        mutated_example(), line_document(), st.tuples(st.sampled_from(PATHS), ARBITRARY)
    ),
    dialect=st.sampled_from(("auto", *DIALECTS)),
)
def test_lint_text_findings_are_located_inside_the_document(sample, dialect):
    from claimlint import lint_text

    name, raw = sample
    path = "doc" + Path(name).suffix
    findings = lint_text(raw, path=path, dialect=dialect)
    src = SourceText.from_text(raw)
    for f in findings:
        assert f.code != "CL000", f.message  # a crashed rule
        if f.path != path:  # a finding about the bibliography the front matter names
            assert "bibliography" in raw, f
            continue
        _within(f, src)


# ---- the grammars on their own ----------------------------------------------------------


@fast(400)
@given(raw=ARBITRARY)
def test_numeric_and_footnote_markers_stay_inside_the_text(raw):
    markers, bad = M.numeric_markers(raw)
    for mk in markers:
        assert 0 <= mk.group.start <= mk.span.start <= mk.span.end <= mk.group.end <= len(raw)
        assert raw[mk.group.start] == "[" and raw[mk.group.end - 1] == "]"
        assert int(mk.label) >= 1
    for b in bad:
        assert 0 <= b.span.start < b.span.end <= len(raw)
        assert b.reason
    for mk in M.footnote_markers(raw):
        assert raw[mk.span.start : mk.span.end] == mk.label
    assert M.numeric_markers(raw) == (markers, bad)


@fast(400)
@given(raw=ARBITRARY)
def test_citekey_markers_stay_inside_the_text(raw):
    markers, bad, groups = M.citekey_markers(raw)
    for mk in markers:
        assert 0 <= mk.group.start <= mk.span.start <= mk.span.end <= mk.group.end <= len(raw)
        written = raw[mk.span.start : mk.span.end]
        assert written in (mk.label, "{" + mk.label + "}")
    for span in [*groups, *(b.span for b in bad)]:
        assert 0 <= span.start < span.end <= len(raw)
    assert M.citekey_markers(raw) == (markers, bad, groups)


@fast(400)
@given(raw=ARBITRARY, data=st.data())
def test_trailing_and_leading_markers_stay_inside_the_sentence(raw, data):
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    markers, text_end = M.trailing_markers(raw, start, end)
    assert start <= text_end <= end
    for mk in markers:
        assert text_end <= mk.group.start <= mk.span.start <= mk.span.end <= mk.group.end <= end
        assert raw[mk.span.start : mk.span.end].isdigit()
    for mk in M.leading_markers(raw, start, end):
        assert start <= mk.group.start <= mk.span.start <= mk.span.end <= mk.group.end <= end


DOSE_TOKENS = (
    "ibuprofen",
    "naproxen",
    "gabapentin",
    "paracetamol",
    " ",
    "(",
    ")",
    "0",
    "1",
    "5",
    "500",
    "1,200",
    ".",
    "-",
    "–",
    " to ",
    "mg",
    "g",
    "mcg",
    "mL",
    "units",
    "/kg",
    "/day",
    " per day",
    " twice daily",
    " every 6 hours",
    " q8h",
    " for 5 days",
    " orally",
    ", then ",
    "; ",
    " do not exceed ",
    " maximum ",
    " in renal impairment",
)


@fast(400)
@given(
    raw=st.one_of(
        ARBITRARY,
        st.lists(st.sampled_from(DOSE_TOKENS), max_size=40).map("".join),
    ),
    offset=st.integers(0, 1000),
)
def test_dose_extraction_stays_inside_the_sentence(raw, offset):
    doses = pytest.importorskip("claimlint.parse.doses")
    from claimlint.lexicon import load_lexicon

    found = doses.extract_doses(raw, offset, load_lexicon())
    for d in found:
        assert offset <= d.span.start <= d.span.end <= offset + len(raw)
        assert raw[d.span.start - offset : d.span.end - offset] == d.text
        assert d.low <= d.high
        if d.per_day_low is not None and d.per_day_high is not None:
            assert d.per_day_low <= d.per_day_high
    assert doses.extract_doses(raw, offset, load_lexicon()) == found


# ---- regressions the fuzzer found ---------------------------------------------------------


def test_answer_page_numbers_after_a_short_first_sentence_do_not_crash():
    # "Ok then. 1": the sentence before the numbers is too short to be a claim
    page = "Title here\n\nOk then. 1\n\nPregabalin helps with neuropathic pain 1\n"
    doc = check_document("a.txt", page, "answer")
    assert [(c.text, [m.label for m in c.markers]) for c in doc.claims] == [
        ("Pregabalin helps with neuropathic pain", ["1"])
    ]
    assert [m.label for m in doc.markers] == ["1", "1"]


def test_answer_page_numbers_never_cite_a_claim_of_another_paragraph():
    page = "Title here\n\nPregabalin helps with neuropathic pain 1\n\nOk then. 2\n"
    doc = check_document("a.txt", page, "answer")
    assert [[m.label for m in c.markers] for c in doc.claims] == [["1"]]
    assert [m.label for m in doc.markers] == ["1", "2"]  # still seen, e.g. by CL103
