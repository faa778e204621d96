"""What counts as a claim, and CL101 in every dialect."""

from claimlint import lint_text
from claimlint.config import Settings, resolve_rules
from claimlint.parse import parse_document
from claimlint.rules import RULES_BY_CODE
from conftest import codes_at

PARAGRAPH = """# Sciatica

Naproxen 500 mg twice daily is a first-line option [1]. Pregabalin is started at 75 mg
twice daily. Duloxetine 60 mg daily is an alternative [1].

## References

1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.
"""


def test_middle_sentence_alone_is_reported():
    assert codes_at(lint_text(PARAGRAPH, select=("CL101",))) == [("CL101", 3, 57)]


def test_paragraph_scope_option():
    from claimlint.rules.cl101_uncited_claim import check

    doc = parse_document("a.md", PARAGRAPH)
    opts = RULES_BY_CODE["CL101"].make_options({"scope": "paragraph"})
    assert list(check(doc, None, opts)) == []
    settings = Settings(options=(("CL101", (("scope", "paragraph"),)),))
    assert (
        resolve_rules(settings, [RULES_BY_CODE["CL101"]]).document[0].options.scope == "paragraph"
    )


def test_headings_questions_and_colon_lines_are_not_claims():
    doc = parse_document(
        "a.md",
        "# What is the dose of pregabalin?\n\nKey points for prescribers:\n\n"
        "- Is renal dosing needed for everyone?\n- Pregabalin is renally cleared [1].\n",
    )
    assert [c.text for c in doc.claims] == ["Pregabalin is renally cleared [1]."]


def test_text_numbers_are_not_markers_on_answer_pages():
    page = (
        "How is neuropathic pain in diabetes treated?\n\nBanner\n\nTreatment\n\n"
        "Duloxetine helps in type 2 diabetes 1\n"
        "  • Pain scores improved by 0.6 points on a 0-10 scale after 6 weeks 1\n"
        "  • Most trials were published after 2019 1\n"
        "  • Patients with type 2\n\n"
        "References\n\nGuideline\n\nDiabetic neuropathy guideline\n\nSociety, 2020\n"
    )
    doc = parse_document("a.txt", page)
    assert [(c.text, [m.label for m in c.markers]) for c in doc.claims] == [
        ("Duloxetine helps in type 2 diabetes", ["1"]),
        ("Pain scores improved by 0.6 points on a 0-10 scale after 6 weeks", ["1"]),
        ("Most trials were published after 2019", ["1"]),
        ("Patients with type 2", []),
    ]


def test_marker_after_sentence_end_on_answer_page():
    page = (
        "Q?\n\nTitle Line\n\nPregabalin is renally cleared. 1 Doses are reduced in renal"
        " impairment 2.\n\nReferences\n\nGuideline\n\nA\n\nB\n\nGuideline\n\nC\n\nD\n"
    )
    doc = parse_document("a.txt", page)
    assert [[m.label for m in c.markers] for c in doc.claims] == [["1"], ["2"]]


def test_footnote_and_pandoc_markers_attach_to_their_sentence():
    doc = parse_document("a.md", "Claim one is here.[^a] Claim two is here [@key].\n\n[^a]: Ref.\n")
    assert [[m.label for m in c.markers] for c in doc.claims] == [["a"], []]
    doc = parse_document("b.md", "Claim one is here [@a]. Claim two is here [@b; @c].\n")
    assert [[m.label for m in c.markers] for c in doc.claims] == [["a"], ["b", "c"]]


def test_near_duplicate_references_are_found_without_comparing_all_pairs():
    doc = (
        "# X\n\nClaim one is here [1]. Claim two is here [2]. Claim three is here [3].\n\n"
        "## References\n\n"
        "1. Smith A. Pregabalin for lumbar radicular pain: a randomized trial. Pain. 2020.\n"
        "2. Smith A. Pregabalin for lumbar radicular pain: a randomised trial. Pain. 2020.\n"
        "3. Jones B. Gabapentin for shingles pain in older adults. Pain. 2019.\n"
    )
    assert codes_at(lint_text(doc, select=("CL203",))) == [("CL203", 8, 4)]
