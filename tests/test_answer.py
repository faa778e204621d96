"""Answer pages (scraped ``.txt``): page chrome, the body from the title line before the first
cited line, trailing and opening citation numbers, the References block, the page end."""

from __future__ import annotations

from claimlint.parse import parse_document
from claimlint.parse.answer import answer_page_blocks
from claimlint.parse.markers import ends_with_markers
from claimlint.source import SourceText

PAGE = """How should a clinician treat sciatica?

Clinical Answers Library
Reviewed by the board

Treatment

Gabapentin 900 mg/day in three divided doses is an option. 1

  • Reassess pain after four weeks on pregabalin 150 mg twice daily 2, 3
  • Exercise therapy and education remain part of the plan. 4 Doses are reviewed yearly 5

References

Guideline
Management of sciatica
NICE 2020

Review
Pregabalin for neuropathic pain
Cochrane 2019

Related Questions
What about duloxetine?
"""


def test_blocks():
    src = SourceText.from_text(PAGE)
    lines = PAGE.split("\n")
    starts = src.line_starts
    cited = {
        i + 1
        for i, line in enumerate(lines)
        if line and ends_with_markers(PAGE, starts[i], starts[i] + len(line))
    }
    assert cited == {8, 10, 11}
    blocks, body_line, refs_line, end_line = answer_page_blocks(lines, starts, cited.__contains__)
    assert (body_line, refs_line, end_line) == (6, 13, 23)
    assert [(b.kind, b.line) for b in blocks] == [
        ("chrome", 1),
        ("chrome", 3),
        ("chrome", 4),
        ("heading", 6),
        ("paragraph", 8),
        ("item", 10),
        ("item", 11),
        ("chrome", 23),
        ("chrome", 24),
    ]
    item = blocks[5]
    assert PAGE[item.start : item.end].startswith("Reassess pain")


def test_claims_markers_and_references():
    doc = parse_document("page.txt", PAGE)
    assert doc.title == "How should a clinician treat sciatica?"
    assert [s.title for s in doc.sections] == ["", "Treatment"]
    assert [(c.text, [m.label for m in c.markers]) for c in doc.claims] == [
        ("Gabapentin 900 mg/day in three divided doses is an option.", ["1"]),
        ("Reassess pain after four weeks on pregabalin 150 mg twice daily", ["2", "3"]),
        ("Exercise therapy and education remain part of the plan.", ["4"]),
        ("Doses are reviewed yearly", ["5"]),
    ]
    assert [(r.index, r.title) for r in doc.references] == [
        (1, "Management of sciatica"),
        (2, "Pregabalin for neuropathic pain"),
    ]
    assert PAGE[doc.references_span.start : doc.references_span.end] == "References"
