"""CL301 inconsistent-dose, CL302 dose-above-maximum, CL303 ambiguous-dose.

The rules run on documents parsed by the real parser and lexicon. Dose limits come from a small
table written here, so the tests do not depend on the shipped limits file; the end-to-end tests
at the bottom use ``claimlint.lint_text`` with everything shipped and skip until the rules are
registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from claimlint.parse import parse_document
from claimlint.rules import cl301_inconsistent_dose as cl301
from claimlint.rules import cl302_dose_above_maximum as cl302
from claimlint.rules import cl303_ambiguous_dose as cl303

FIXTURES = Path(__file__).parent / "fixtures" / "doses"
SEED = Path(__file__).parents[2] / "shared" / "seeds" / "000_9d0893084c627329.txt"


@dataclass(frozen=True)
class _Limit:
    max_per_day: float
    unit: str
    source: str
    basis: str = ""

    def describe(self) -> str:
        return f"{self.max_per_day:g} {self.unit}{self.basis}/day"


class _Limits:
    TABLE: ClassVar[dict[str, _Limit]] = {
        "pregabalin": _Limit(600, "mg", "label-pregabalin"),
        "gabapentin": _Limit(3600, "mg", "label-gabapentin"),
        "naproxen": _Limit(1.5, "g", "label-naproxen"),
        "acetaminophen": _Limit(4000, "mg", "label-acetaminophen"),
        "ibuprofen": _Limit(40, "mg", "label-ibuprofen-pediatric", "/kg"),
    }

    def for_drug(self, drug, route=None):
        return self.TABLE.get(drug)


class _Ctx:
    def __init__(self) -> None:
        from claimlint.lexicon import load_lexicon

        self.lexicon = load_lexicon()
        self.dose_limits = _Limits()


@pytest.fixture(scope="module")
def ctx():
    return _Ctx()


def run(module, text: str, ctx, path: str = "doc.md", **options):
    """(line, column, message, [(line, column, message), …]) of each violation."""
    doc = parse_document(path, text, lexicon=ctx.lexicon)
    out = []
    for v in module.check(doc, ctx, module.Options(**options)):
        line, col = doc.source.position(v.span.start)
        related = [(*doc.source.position(r.span.start), r.message) for r in v.related]
        out.append((line, col, v.message, related))
    return out


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of needle."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


# ---- fixture documents ---------------------------------------------------------------------

QUIET = sorted(p.name for p in FIXTURES.glob("*.md") if p.name.startswith(("role_", "agree_")))


@pytest.mark.parametrize("name", QUIET)
def test_role_and_agreement_fixtures_are_quiet(name, ctx):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for module in (cl301, cl302):
        assert run(module, text, ctx, path=name) == [], module.__name__


def test_quiet_fixtures_exist():
    names = set(QUIET)
    for role in ("limit", "contrast", "titration", "population", "prohibited", "evidence"):
        assert f"role_{role}.md" in names
    assert "agree_normalized.md" in names


def test_fixture_mentions_have_the_role_in_their_name(ctx):
    from claimlint.model import DoseRole

    for name in QUIET:
        if not name.startswith("role_"):
            continue
        role = DoseRole(name[5:-3])
        doc = parse_document(
            name, (FIXTURES / name).read_text(encoding="utf-8"), lexicon=ctx.lexicon
        )
        roles = {m.role for m in doc.dose_mentions}
        assert role in roles, (name, roles)


def test_cl301_follow_up_fixture(ctx):
    text = (FIXTURES / "cl301_follow_up.md").read_text(encoding="utf-8")
    got = run(cl301, text, ctx)
    assert [(line, col) for line, col, _, _ in got] == [
        at(text, "75-150 mg"),
        at(text, "90 mg daily"),
    ]
    (_, _, msg, related), (_, _, msg2, related2) = got
    assert msg == (
        "pregabalin 75-150 mg twice daily is 150–300 mg/day here, but 300–600 mg/day in 2 other"
        " places in this document"
    )
    assert [(line, col) for line, col, _ in related] == [
        at(text, "150-300 mg"),
        at(text, "150-300 mg", 1),
    ]
    assert related[0][2] == "stated here as 300–600 mg/day"
    assert "duloxetine 90 mg daily is 90 mg/day here, but 60 mg/day elsewhere" in msg2
    assert [(line, col) for line, col, _ in related2] == [at(text, "60 mg daily")]


def test_cl302_fixture(ctx):
    text = (FIXTURES / "cl302_above_maximum.md").read_text(encoding="utf-8")
    got = run(cl302, text, ctx)
    assert [(line, col) for line, col, _, _ in got] == [
        at(text, "450 mg"),
        at(text, "1 g every"),
        at(text, "1200-4800"),
    ]
    assert got[0][2] == (
        "pregabalin 450 mg twice daily is 900 mg/day, above the labelled maximum of 600 mg/day"
        " (source: label-pregabalin)"
    )
    assert got[1][2].startswith("acetaminophen 1 g every 4 hours is 6000 mg/day, above")
    assert got[2][2] == (
        "gabapentin 1200-4800 mg/day in divided doses is above the labelled maximum of"
        " 3600 mg/day (source: label-gabapentin)"
    )


def test_cl303_fixture(ctx):
    text = (FIXTURES / "cl303_ambiguous.md").read_text(encoding="utf-8")
    got = run(cl303, text, ctx)
    assert [(line, col) for line, col, _, _ in got] == [
        at(text, "50 mg"),
        at(text, ".5 mg"),
        at(text, "5.0 mg"),
        at(text, "500 mg"),
    ]
    assert [msg.split(":")[0] for _, _, msg, _ in got] == [
        'levothyroxine "50 mg" is likely a unit slip',
        'naked decimal in ".5 mg"',
        'trailing zero in "5.0 mg"',
        "naproxen 500 mg has no frequency",
    ]


# ---- CL301 ---------------------------------------------------------------------------------

DOC = "# Plan\n\n{a} [1].\n\n## Later\n\n{b} [1].\n\n## References\n\n1. A guideline. 2024.\n"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Give pregabalin 150-300 mg twice daily", "Continue pregabalin 300-600 mg/day"),
        ("Give acetaminophen 1 g every 6 hours", "Continue acetaminophen 1000 mg every 6 hours"),
        ("Give acetaminophen 1 g four times daily", "Continue acetaminophen 1000 mg q6h"),
        ("Give pregabalin 150-300 mg twice daily", "Start pregabalin at 75 mg twice daily"),
        ("Give pregabalin 150-300 mg twice daily", "Continue pregabalin 300 mg twice daily"),
        ("Give pregabalin 150-300 mg twice daily", "Continue gabapentin 150-300 mg twice daily"),
        ("Give oxycodone 5 mg as needed", "Give oxycodone 10 mg every 6 hours"),
        ("Give pregabalin 150-300 mg twice daily", "Give pregabalin 150 mg/kg twice daily"),
        ("Give pregabalin 150-300 mg twice daily", "In dialysis give pregabalin 25 mg daily"),
        ("Give dexamethasone 6 mg orally daily", "Give dexamethasone 20 mg IV daily"),
        ("Give pregabalin 150-300 mg twice daily", "The trial used pregabalin 600 mg twice daily"),
        ("Give naproxen 500 mg twice daily or naproxen 250 mg twice daily", "Naproxen is fine"),
    ],
)
def test_cl301_agreeing_or_incomparable(a, b, ctx):
    assert run(cl301, DOC.format(a=a, b=b), ctx) == []


@pytest.mark.parametrize(
    ("a", "b", "needle"),
    [
        ("Give pregabalin 150-300 mg twice daily", "Continue pregabalin 200 mg/day", "200 mg/day"),
        ("Give pregabalin 150-300 mg twice daily", "Keep pregabalin 450 mg twice daily", "450"),
        ("Give acetaminophen 1 g every 6 hours", "Continue acetaminophen 650 mg q6h", "650"),
        ("Give oxycodone 5 mg as needed", "Give oxycodone 10 mg as needed", "10 mg"),
        ("Give duloxetine 30-60 mg daily", "Give duloxetine 60-120 mg daily", "60-120"),
        ("Give dexamethasone 6 mg orally daily", "Give dexamethasone 20 mg daily", "20 mg"),
    ],
)
def test_cl301_departing_mention(a, b, needle, ctx):
    text = DOC.format(a=a, b=b)
    got = run(cl301, text, ctx)
    assert [(line, col) for line, col, _, _ in got] == [at(text, needle)]
    assert [(line, col) for line, col, _ in got[0][3]] == [(3, a.index(" ", a.index(" ") + 1) + 2)]


def test_cl301_majority_wins_over_the_first_statement(ctx):
    text = (
        "# Plan\n\nGive duloxetine 90 mg daily [1].\n\nGive duloxetine 60 mg daily [1].\n\n"
        "Keep duloxetine 60 mg daily [1].\n"
    )
    got = run(cl301, text, ctx)
    assert [(line, col) for line, col, _, _ in got] == [at(text, "90 mg")]
    assert [(line, col) for line, col, _ in got[0][3]] == [at(text, "60 mg"), at(text, "60 mg", 1)]


def test_cl301_tolerance_option(ctx):
    text = DOC.format(
        a="Give morphine 10 mg every 4 hours", b="Give morphine 10.5 mg every 4 hours"
    )
    assert len(run(cl301, text, ctx)) == 1
    assert run(cl301, text, ctx, tolerance=0.1) == []


def test_cl301_max_related_option(ctx):
    text = "# Plan\n\n" + "".join(f"Give duloxetine 60 mg daily [{i}].\n\n" for i in range(1, 5))
    text += "Give duloxetine 120 mg daily [1].\n"
    assert len(run(cl301, text, ctx)[0][3]) == 3
    assert len(run(cl301, text, ctx, max_related=1)[0][3]) == 1


# ---- CL302 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Pregabalin 300 mg twice daily is the ceiling",
        "Naproxen 750 mg twice daily is the most",
        "Do not use pregabalin 450 mg twice daily",
        "Do not exceed pregabalin 900 mg/day",
        "The trial used pregabalin 450 mg twice daily",
        "Prefer pregabalin 300 mg twice daily rather than 450 mg twice daily",
        "Pregabalin 900 mg as needed is listed",
        "Children take ibuprofen 10 mg/kg every 8 hours",
        "Duloxetine 120 mg twice daily has no limit in this table",
    ],
)
def test_cl302_quiet(sentence, ctx):
    assert run(cl302, f"# Plan\n\n{sentence} [1].\n", ctx) == []


@pytest.mark.parametrize(
    ("sentence", "daily"),
    [
        ("Increase pregabalin to 450 mg twice daily", "900 mg/day"),
        ("In renal impairment, give pregabalin 400 mg twice daily", "800 mg/day"),
        ("Naproxen 1 g twice daily is used", "2000 mg/day"),
        ("Children take ibuprofen 15 mg/kg every 6 hours", "60 mg/kg/day"),
        ("Give 500 mg of naproxen four times daily", "2000 mg/day"),
    ],
)
def test_cl302_reports(sentence, daily, ctx):
    text = f"# Plan\n\n{sentence} [1].\n"
    (got,) = run(cl302, text, ctx)
    assert got[:2] == (3, 1 + sentence.index(next(w for w in sentence.split() if w[0].isdigit())))
    assert f" is {daily}, above the labelled maximum of " in got[2]


def test_cl302_tolerance_option(ctx):
    text = "# Plan\n\nPregabalin 320 mg twice daily is used [1].\n"
    assert len(run(cl302, text, ctx)) == 1
    assert run(cl302, text, ctx, tolerance=0.1) == []


# ---- CL303 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "needle", "fragment"),
    [
        ("Give naproxen 500 mg for pain", "500", "has no frequency"),
        ("Give levothyroxine 50 mg every morning", "50", "unit slip"),
        ("Give haloperidol 5.0 mg at bedtime", "5.0", "trailing zero"),
        ("Give colchicine .5 mg twice daily", ".5", "naked decimal"),
        ("The trial used warfarin 5.0 mg daily", "5.0", "trailing zero"),
    ],
)
def test_cl303_reports(sentence, needle, fragment, ctx):
    text = f"# Plan\n\n{sentence} [1].\n"
    (got,) = run(cl303, text, ctx)
    assert got[:2] == at(text, needle)
    assert fragment in got[2]


@pytest.mark.parametrize(
    "sentence",
    [
        "Give naproxen 500 mg twice daily",
        "Give gabapentin 1200 mg/day in divided doses",
        "Give azithromycin 1 g as a single dose",
        "Give vancomycin a loading dose of 25 mg/kg",
        "Give morphine 2 mg/h by infusion",
        "Inject methylprednisolone 80 mg epidural",
        "Do not exceed acetaminophen 4 g",
        "Levothyroxine 50 mcg every morning",
        "Give colchicine 0.5 mg twice daily",
        "Give haloperidol 5 mg at bedtime",
        "The trial used naproxen 500 mg",
    ],
)
def test_cl303_quiet(sentence, ctx):
    assert run(cl303, f"# Plan\n\n{sentence} [1].\n", ctx) == []


def test_cl303_frequency_check_can_be_turned_off(ctx):
    text = "# Plan\n\nGive naproxen 500 mg for pain [1].\n"
    assert run(cl303, text, ctx, require_frequency=False) == []


# ---- the seed answer page --------------------------------------------------------------------


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not available")
    return SEED.read_text(encoding="utf-8")


FOLLOW_UP = "Evaluate pain control on optimized pregabalin (150-300 mg twice daily)"


def test_seed_is_quiet(seed_text, ctx):
    for module in (cl301, cl302, cl303):
        assert run(module, seed_text, ctx, path="seed.txt") == [], module.__name__


def test_seed_with_changed_follow_up_gives_one_cl301(seed_text, ctx):
    assert FOLLOW_UP in seed_text
    text = seed_text.replace(FOLLOW_UP, FOLLOW_UP.replace("150-300", "75\u2013150"))
    got = run(cl301, text, ctx, path="seed.txt")
    assert [(line, col) for line, col, _, _ in got] == [at(text, "75\u2013150")]
    summary = at(text, "150-300 mg twice daily")
    assert got[0][3][0][:2] == summary
    assert "300–600 mg/day" in got[0][2]


def test_seed_with_450_mg_gives_cl302(seed_text, ctx):
    text = seed_text.replace(FOLLOW_UP, FOLLOW_UP.replace("150-300", "450"))
    (got,) = run(cl302, text, ctx, path="seed.txt")
    assert got[:2] == at(text, "450 mg")
    assert "600 mg/day" in got[2] and "label-pregabalin" in got[2]


# ---- end to end, once the rules are registered -------------------------------------------------


def _lint(text: str, code: str, path: str = "seed.txt"):
    from claimlint import lint_text
    from claimlint.rules import ALL_RULES

    if code not in {r.code for r in ALL_RULES}:
        pytest.skip(f"{code} is not registered in claimlint.rules.ALL_RULES yet")
    return [f for f in lint_text(text, path=path, select=(code,)) if f.code == code]


def test_e2e_seed_gives_no_cl3_finding(seed_text):
    for code in ("CL301", "CL302", "CL303"):
        assert _lint(seed_text, code) == []


def test_e2e_seed_follow_up_changed(seed_text):
    text = seed_text.replace(FOLLOW_UP, FOLLOW_UP.replace("150-300", "75\u2013150"))
    (f,) = _lint(text, "CL301")
    assert (f.code, f.line, f.column) == ("CL301", *at(text, "75\u2013150"))
    assert (f.related[0].line, f.related[0].column) == at(text, "150-300 mg twice daily")


def test_e2e_seed_450_mg(seed_text):
    text = seed_text.replace(FOLLOW_UP, FOLLOW_UP.replace("150-300", "450"))
    (f,) = _lint(text, "CL302")
    assert (f.code, f.line, f.column) == ("CL302", *at(text, "450 mg"))
    assert "600 mg/day" in f.message and "(source: " in f.message


@pytest.mark.parametrize("module", [cl301, cl302, cl303], ids=lambda m: m.RULE.code)
def test_docstring_example_and_use_instead(module, ctx):
    from claimlint.registry import example_blocks

    sections = module.RULE.doc_sections()
    ((_, example),) = example_blocks(sections["Example"])
    ((_, fixed),) = example_blocks(sections["Use instead"])
    assert run(module, example, ctx) != []
    assert run(module, fixed, ctx) == []


def test_seed_450_mg_against_the_shipped_limits(seed_text):
    from claimlint.context import Context

    shipped = Context()
    text = seed_text.replace(FOLLOW_UP, FOLLOW_UP.replace("150-300", "450"))
    (got,) = run(cl302, text, shipped, path="seed.txt")
    assert got[:2] == at(text, "450 mg")
    assert got[2] == (
        "pregabalin 450 mg twice daily is 900 mg/day, above the labelled maximum of 600 mg/day"
        " (source: label-pregabalin)"
    )
    assert run(cl302, seed_text, shipped, path="seed.txt") == []


class _WithTrialDrugs:
    """The shipped lexicon plus the COVID-19 trial drugs it does not list yet."""

    def __init__(self, base) -> None:
        import re

        self.base = base
        self.rx = re.compile(r"\b(remdesivir|HCQ|favipiravir)\b")

    def find(self, text):
        from claimlint.lexicon import DrugHit

        extra = [
            DrugHit(
                m.start(),
                m.end(),
                m.group(1).lower().replace("hcq", "hydroxychloroquine"),
                "drug",
                m.group(1),
            )
            for m in self.rx.finditer(text)
        ]
        return sorted([*self.base.find(text), *extra], key=lambda h: h.start)


def test_trial_regimens_are_evidence_not_inconsistent(ctx):
    corpus = (
        Path(__file__).parents[2] / "shared" / "corpus" / "covid19-review-therapeutics-appendix"
    )
    path = corpus / "21.pharmaceuticals-app.md"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    text = path.read_text(encoding="utf-8")
    lexicon = _WithTrialDrugs(ctx.lexicon)
    doc = parse_document(path.name, text, lexicon=lexicon)
    by_drug = {}
    for m in doc.dose_mentions:
        by_drug.setdefault(m.drug, set()).add(m.role.value)
    assert by_drug == {
        "dexamethasone": {"evidence"},
        "remdesivir": {"evidence"},
        "hydroxychloroquine": {"evidence"},
        None: {"evidence"},
    }
    for module in (cl301, cl302, cl303):
        assert list(module.check(doc, ctx, module.Options())) == [], module.__name__
