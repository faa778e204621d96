"""CL401 forbidden-advice, CL402 self-contradiction, CL403 duration-limit.

The checks run directly (parse_document + Context) and, once the rules are registered, end
to end through ``claimlint.lint_text``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.context import Context
from claimlint.findings import Severity
from claimlint.parse import parse_document
from claimlint.registry import example_blocks
from claimlint.rules import cl401_forbidden_advice as cl401
from claimlint.rules import cl402_self_contradiction as cl402
from claimlint.rules import cl403_duration_limit as cl403

FIXTURES = Path(__file__).parent / "fixtures" / "advice"
SEED = Path(__file__).parents[2] / "shared" / "seeds" / "000_9d0893084c627329.txt"
MODULES = {"CL401": cl401, "CL402": cl402, "CL403": cl403}
CTX = Context()

# The seed page's plan sentence, as the modification tests change it.
PLAN = (
    "continue both medications while optimizing pregabalin to therapeutic dosing "
    "(150-300 mg twice daily) and plan to taper baclofen after 1-2 weeks"
)
PREDNISONE = "  \u2022 Consider a short oral prednisone taper for flares of leg pain 1\n"


def run(text: str, path: str = "doc.md", codes=("CL401", "CL402", "CL403")):
    """(code, line, column, message, related lines) of each violation, in order."""
    doc = parse_document(path, text, lexicon=CTX.lexicon)
    out = []
    for code in codes:
        module = MODULES[code]
        for v in module.check(doc, CTX, module.Options()):
            line, col = doc.source.position(v.span.start)
            related = tuple(doc.source.position(r.span.start)[0] for r in v.related)
            out.append((code, line, col, v.message, related))
    return sorted(out, key=lambda f: (f[1], f[2], f[0]))


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def col_of(text: str, needle: str, word: str) -> int:
    line = text.splitlines()[line_of(text, needle) - 1]
    return line.index(word) + 1


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip("seed page not available")
    return SEED.read_text(encoding="utf-8")


def _with_prednisone(seed: str) -> str:
    marker = "Alternative Considerations\n\n"
    assert marker in seed
    return seed.replace(marker, marker + PREDNISONE, 1)


def _with_six_weeks(seed: str) -> str:
    assert PLAN in seed
    return seed.replace(
        PLAN, "continue pregabalin at therapeutic dosing and continue baclofen for 6 weeks", 1
    )


# --- the seed page ------------------------------------------------------------------------


def test_seed_page_is_clean(seed):
    assert run(seed, "seed.txt") == []


def test_seed_plus_oral_steroid_gives_cl401(seed):
    text = _with_prednisone(seed)
    found = [f for f in run(text, "seed.txt") if f[0] == "CL401"]
    assert len(found) == 1
    _, line, col, message, _ = found[0]
    assert (line, col) == (
        line_of(text, "oral prednisone taper"),
        col_of(text, "oral prednisone", "prednisone"),
    )
    assert "acp-lbp-no-systemic-steroids" in message
    assert "Qaseem et al. 2017 [qaseem2017acp]" in message
    assert message.startswith("'prednisone' is suggested here")


def test_seed_plus_oral_steroid_also_contradicts_its_own_prohibition(seed):
    text = _with_prednisone(seed)
    found = [f for f in run(text, "seed.txt") if f[0] == "CL402"]
    assert [(f[1], f[4]) for f in found] == [
        (line_of(text, "oral prednisone taper"), (line_of(text, "Do NOT use systemic"),))
    ]


def test_seed_with_six_weeks_of_baclofen_gives_cl403(seed):
    text = _with_six_weeks(seed)
    found = [f for f in run(text, "seed.txt") if f[0] == "CL403"]
    assert len(found) == 1
    _, line, col, message, _ = found[0]
    assert (line, col) == (
        line_of(text, "baclofen for 6 weeks"),
        col_of(text, "baclofen for 6 weeks", "baclofen for 6"),
    )
    assert "advised for 6 weeks, longer than the 2 weeks" in message
    assert "acp-lbp-muscle-relaxants-short-term" in message


def test_seed_with_six_weeks_contradicts_the_time_limit(seed):
    text = _with_six_weeks(seed)
    found = [f for f in run(text, "seed.txt") if f[0] == "CL402"]
    assert len(found) == 1
    assert found[0][1] == line_of(text, "baclofen for 6 weeks")
    assert "for longer than the document allows elsewhere" in found[0][3]


def test_alcohol_withdrawal_benzodiazepines_are_fine():
    text = (FIXTURES / "alcohol_withdrawal.md").read_text(encoding="utf-8")
    doc = parse_document("aw.md", text, lexicon=CTX.lexicon)
    assert any("benzodiazepines" in st.items for st in doc.advice)  # the advice is seen
    assert run(text) == []


# --- CL401 ----------------------------------------------------------------------------------

LBP = "# Acute sciatica\n\n{}\n\n## References\n\n1. A guideline. Example Group. 2024.\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "Start oral prednisone 40 mg daily for 5 days [1].",
        "A methylprednisolone dose pack is a reasonable option [1].",
        "Diazepam 5 mg at night may help the muscle spasm [1].",
        "Systemic corticosteroids should be used for severe radicular pain [1].",
    ],
)
def test_cl401_reports_forbidden_advice(sentence):
    text = LBP.format(sentence)
    (finding,) = run(text, codes=("CL401",))
    assert finding[1] == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "Do not use oral prednisone for radicular pain [1].",
        "Refer for an epidural steroid injection if pain persists [1].",
        "Consider an epidural methylprednisolone injection for persistent radicular pain [1].",
        "Prednisone was no better than placebo in trials [1].",
        "Use naproxen rather than prednisone [1].",
        "Diazepam is recommended for alcohol withdrawal seizures [1].",
    ],
)
def test_cl401_leaves_prohibitions_exceptions_and_evidence_alone(sentence):
    assert run(LBP.format(sentence), codes=("CL401",)) == []


def test_cl401_needs_a_matching_topic():
    text = "# Asthma exacerbation\n\nStart oral prednisone 40 mg daily for 5 days [1].\n"
    assert run(text, codes=("CL401",)) == []


def test_cl401_applies_when_and_front_matter_conditions():
    text = (FIXTURES / "chronic_back_pain.md").read_text(encoding="utf-8")
    found = run(text, codes=("CL401",))
    assert [(f[1], f[2]) for f in found] == [
        (line_of(text, "Start oxycodone"), col_of(text, "Start oxycodone", "oxycodone"))
    ]
    assert "acp-lbp-opioids-not-first-line" in found[0][3]
    acute = text.replace("chronic low back pain", "acute low back pain")
    assert run(acute, codes=("CL401",)) == []


def test_cl401_one_finding_per_item_names_other_entries():
    text = (FIXTURES / "cystitis.md").read_text(encoding="utf-8")
    found = run(text, codes=("CL401",))
    assert [f[1] for f in found] == [line_of(text, "ciprofloxacin")]
    message = found[0][3]
    assert (
        "idsa-cystitis-fluoroquinolones-not-first-line (Gupta et al. 2011 [gupta2011idsa])"
        in message
    )
    assert message.endswith("(also fda-fluoroquinolones-uncomplicated-uti)")


@pytest.mark.parametrize(
    ("title", "sentence", "entry"),
    [
        (
            "Stroke prevention in atrial fibrillation",
            "Offer aspirin 75 mg daily to prevent stroke [1].",
            "nice-af-no-aspirin-monotherapy",
        ),
        (
            "Acute bronchitis in a healthy adult",
            "Prescribe azithromycin for 5 days [1].",
            "acp-cdc-no-antibiotics-bronchitis",
        ),
        (
            "The common cold",
            "Amoxicillin can be used to shorten the illness [1].",
            "acp-cdc-no-antibiotics-common-cold",
        ),
        (
            "Insomnia in older adults",
            "Consider zolpidem 5 mg at bedtime [1].",
            "ags-beers-avoid-z-drugs",
        ),
        (
            "Insomnia in older adults",
            "Temazepam is an option for short-term use [1].",
            "ags-beers-avoid-benzodiazepines",
        ),
    ],
)
def test_cl401_other_packs(title, sentence, entry):
    (finding,) = run(f"# {title}\n\n{sentence}\n", codes=("CL401",))
    assert entry in finding[3]


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        (
            "Stroke prevention in atrial fibrillation",
            "Continue aspirin after the coronary stent alongside apixaban [1].",
        ),
        (
            "Acute bronchitis in a healthy adult",
            "Prescribe amoxicillin only if pneumonia is suspected [1].",
        ),
        ("Insomnia in older adults", "Lorazepam may be used for alcohol withdrawal [1]."),
        ("Insomnia in older adults", "Avoid zolpidem [1]."),
    ],
)
def test_cl401_other_packs_exceptions(title, sentence):
    assert run(f"# {title}\n\n{sentence}\n", codes=("CL401",)) == []


def test_cl401_severity_comes_from_the_entry_when_supported():
    doc = parse_document("d.md", LBP.format("Diazepam may help [1]."), lexicon=CTX.lexicon)
    (v,) = cl401.check(doc, CTX, cl401.Options())
    if hasattr(v, "severity"):
        assert v.severity is Severity.ERROR
    doc = parse_document(
        "d.md", "# Insomnia in older adults\n\nConsider zolpidem [1].\n", lexicon=CTX.lexicon
    )
    (v,) = cl401.check(doc, CTX, cl401.Options())
    if hasattr(v, "severity"):
        assert v.severity is Severity.WARNING


def test_cl401_options_turn_off_hedges_and_permits():
    doc = parse_document("d.md", LBP.format("Consider oral prednisone [1]."), lexicon=CTX.lexicon)
    assert list(cl401.check(doc, CTX, cl401.Options(hedges=False))) == []
    doc = parse_document("d.md", LBP.format("Prednisone is an option [1]."), lexicon=CTX.lexicon)
    assert list(cl401.check(doc, CTX, cl401.Options(permits=False))) == []
    assert len(list(cl401.check(doc, CTX, cl401.Options()))) == 1


# --- CL402 ----------------------------------------------------------------------------------


def test_cl402_reports_recommendations_of_prohibited_items():
    text = (FIXTURES / "contradiction.md").read_text(encoding="utf-8")
    found = run(text, codes=("CL402",))
    assert [(f[1], f[2], f[4]) for f in found] == [
        (
            line_of(text, "start tramadol"),
            col_of(text, "start tramadol", "tramadol"),
            (line_of(text, "Do not use opioids"),),
        ),
        (line_of(text, "Ibuprofen 400"), 1, (line_of(text, "Avoid NSAIDs"),)),
    ]
    assert found[0][3] == (
        "'tramadol' is recommended here but the document prohibits it elsewhere: "
        '"Do not use opioids for knee osteoarthritis"'
    )


@pytest.mark.parametrize(
    "body",
    [
        "Avoid NSAIDs in pregnancy [1].\n\nStart naproxen 500 mg twice daily [1].",
        "Do not use prednisone [1].\n\nIf pain persists, consider prednisone [1].",
        "Do not continue baclofen beyond 2 weeks [1].\n\n"
        "Continue baclofen and plan to taper it after 1-2 weeks [1].",
        "Do not continue baclofen beyond 2 weeks [1].\n\nContinue baclofen for 10 days [1].",
        "Do not use systemic corticosteroids [1].\n\nConsider an epidural steroid injection [1].",
        "Avoid opioids, but tramadol is acceptable for flares [1].",
        "Do not use diazepam [1].\n\nUse naproxen rather than diazepam [1].",
        "An ACE inhibitor and an ARB should not be combined [1].\n\nStart an ACE inhibitor [1].",
        "Never combine tramadol with other serotonergic drugs [1].\n\nStart tramadol [1].",
    ],
)
def test_cl402_conditions_exceptions_and_respected_limits(body):
    assert run(f"# Notes\n\n{body}\n", codes=("CL402",)) == []


def test_cl402_combination_recommended_together():
    body = (
        "Lisinopril and losartan should not be combined [1].\n\n"
        "Add losartan to lisinopril for proteinuria [1]."
    )
    (finding,) = run(f"# Notes\n\n{body}\n", codes=("CL402",))
    assert finding[1:3] == (5, 5)
    assert finding[4] == (3,)
    assert "together with what the document says must not be combined" in finding[3]


def test_cl402_time_limit_exceeded():
    body = "Do not continue baclofen beyond 2 weeks [1].\n\nContinue baclofen for 4 weeks [1]."
    (finding,) = run(f"# Notes\n\n{body}\n", codes=("CL402",))
    assert finding[1:3] == (5, 10)
    assert "(beyond 2 weeks)" in finding[3]


# --- CL403 ----------------------------------------------------------------------------------

BACK = "# Acute low back pain\n\n{}\n"


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Continue baclofen for 6 weeks [1].", "advised for 6 weeks"),
        ("Cyclobenzaprine can be used for 3-4 weeks [1].", "advised for 3-4 weeks"),
        ("Keep taking tizanidine beyond 2 weeks if it helps [1].", "advised for more than 2 weeks"),
        ("Consider a muscle relaxant for a month [1].", "advised for 30 days"),
    ],
)
def test_cl403_reports_long_courses(sentence, words):
    (finding,) = run(BACK.format(sentence), codes=("CL403",))
    assert words in finding[3]
    assert finding[1] == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "Continue baclofen for 10 days [1].",
        "Use cyclobenzaprine for up to 2 weeks [1].",
        "Continue baclofen and plan to taper it after 1-2 weeks [1].",
        "Do not continue baclofen beyond 2 weeks [1].",
        "Continue baclofen for spasticity for 6 months [1].",
        "Continue naproxen for 6 weeks [1].",
    ],
)
def test_cl403_quiet_within_the_limit(sentence):
    assert run(BACK.format(sentence), codes=("CL403",)) == []


def test_cl403_needs_a_matching_topic():
    assert (
        run("# Multiple sclerosis\n\nContinue baclofen for 6 months [1].\n", codes=("CL403",)) == []
    )


# --- docstring examples -----------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(MODULES))
def test_docstring_examples(code):
    sections = MODULES[code].RULE.doc_sections()
    examples = list(example_blocks(sections["Example"]))
    fixed = list(example_blocks(sections["Use instead"]))
    assert examples and fixed
    for _, text in examples:
        assert code in {f[0] for f in run(text, codes=(code,))}
    for _, text in fixed:
        assert run(text, codes=(code,)) == []


# --- end to end, once the lead registers the rules ----------------------------------------


def _registered() -> bool:
    from claimlint.rules import RULES_BY_CODE

    return all(code in RULES_BY_CODE for code in MODULES)


needs_registry = pytest.mark.skipif(not _registered(), reason="CL401-CL403 not registered yet")


@needs_registry
def test_lint_text_seed(seed):
    from claimlint import lint_text

    assert [f for f in lint_text(seed, path="seed.txt") if f.code.startswith("CL4")] == []
    findings = lint_text(_with_prednisone(seed), path="seed.txt", select=("CL401",))
    assert [f.code for f in findings] == ["CL401"]
    assert "acp-lbp-no-systemic-steroids" in findings[0].message
    assert "qaseem2017acp" in findings[0].message
    findings = lint_text(_with_six_weeks(seed), path="seed.txt", select=("CL403",))
    assert [(f.code, f.line) for f in findings] == [
        ("CL403", line_of(_with_six_weeks(seed), "baclofen for 6 weeks"))
    ]


@needs_registry
def test_lint_text_alcohol_withdrawal():
    from claimlint import lint_text

    text = (FIXTURES / "alcohol_withdrawal.md").read_text(encoding="utf-8")
    assert lint_text(text, path="aw.md", select=("CL4",)) == []
