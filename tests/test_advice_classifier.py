"""The advice classifier (claimlint.parse.advice) on a labelled set and on paraphrased
sentences of an answer page about lumbar radiculopathy.

Run ``python tests/test_advice_classifier.py`` for an accuracy report of the labelled set.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.lexicon import load_lexicon
from claimlint.model import AdviceKind, Span
from claimlint.parse.advice import analyze_claim, non_systemic_routes

FIXTURES = Path(__file__).parent / "fixtures"
LABELLED = FIXTURES / "advice_sentences.tsv"


LEX = load_lexicon()
_EXPECT = re.compile(r"^(\w+)\[([^\]]*)\](?:\{([^}]*)\})?(?:@([\d.]+)-([\d.]+|inf))?$")


def _rows():
    rows = []
    for number, line in enumerate(LABELLED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        rows.append((number, cols[0], cols[1], cols[2] if len(cols) > 2 else ""))
    return rows


def _parse_expected(text: str) -> list[tuple]:
    out = []
    for part in text.split(" / "):
        m = _EXPECT.match(part.strip())
        assert m, f"bad expectation {part!r}"
        kind, items, conds, low, high = m.groups()
        out.append(
            (
                AdviceKind(kind),
                tuple(i for i in items.split(",") if i),
                tuple(c for c in (conds or "").split("|") if c),
                (float(low), float(high)) if low else None,
            )
        )
    return out


def _actual(sentence: str) -> list[tuple]:
    return [
        (s.kind, s.items, s.conditions, s.duration_days) for s in analyze_claim(sentence, 0, LEX)
    ]


def _matches(expected: list[tuple], actual: list[tuple]) -> bool:
    if len(expected) != len(actual):
        return False
    for (kind, items, conds, dur), (a_kind, a_items, a_conds, a_dur) in zip(
        expected, actual, strict=True
    ):
        if (kind, items, conds) != (a_kind, a_items, a_conds):
            return False
        if dur is not None and a_dur != dur:
            return False
    return True


ROWS = _rows()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            sentence,
            expected,
            id=f"L{number}",
            marks=[pytest.mark.xfail(reason=reason, strict=True)] if reason else [],
        )
        for number, sentence, expected, reason in ROWS
    ],
)
def test_labelled_sentence(sentence, expected):
    want = _parse_expected(expected)
    got = _actual(sentence)
    assert _matches(want, got), f"\nwant {want}\ngot  {got}"


def test_labelled_set_is_large_and_covers_every_kind():
    assert len(ROWS) >= 60
    kinds = {k for _, _, expected, _ in ROWS for k, *_ in _parse_expected(expected)}
    assert kinds == set(AdviceKind)


def score() -> tuple[int, int, int, int, list[str]]:
    """Sentences fully right, sentences, clause kinds right, clauses; and the misses."""
    right = clauses = kinds_right = 0
    misses = []
    for number, sentence, expected, _ in ROWS:
        want = _parse_expected(expected)
        got = _actual(sentence)
        if _matches(want, got):
            right += 1
        else:
            misses.append(f"line {number}: {sentence}\n  want {want}\n  got  {got}")
        clauses += len(want)
        kinds_right += (
            sum(1 for w, g in zip(want, got, strict=False) if w[0] == g[0])
            if len(want) == len(got)
            else 0
        )
    return right, len(ROWS), kinds_right, clauses, misses


def test_accuracy_on_labelled_set():
    right, total, kinds_right, clauses, _ = score()
    assert right / total >= 0.9
    assert kinds_right / clauses >= 0.9


# --- the answer page's sentences, paraphrased -------------------------------------------


def _one(sentence: str, kind: AdviceKind):
    found = [s for s in analyze_claim(sentence, 0, LEX) if s.kind is kind]
    assert found, [(s.kind, s.text) for s in analyze_claim(sentence, 0, LEX)]
    return found[0]


def test_plan_to_taper_is_a_recommendation_with_a_duration():
    text = (
        "As the patient is improving on both drugs, keep pregabalin and baclofen going and "
        "plan to taper baclofen after 1-2 weeks, as muscle relaxants lack evidence beyond that."
    )
    statements = analyze_claim(text, 100, LEX)
    first = statements[0]
    assert first.kind is AdviceKind.RECOMMEND
    assert first.items == ("pregabalin", "baclofen")
    assert first.duration_days == (7.0, 14.0)
    assert first.conditions == ()
    assert statements[1].kind is AdviceKind.EVIDENCE
    # spans are document offsets
    assert first.span.start == 100
    assert text[statements[1].span.start - 100 :].startswith("muscle relaxants")


def test_prohibition_with_time_condition_and_evidence_after_dash():
    text = "Do NOT keep baclofen going beyond 1-2 weeks \u2013 no evidence supports long use [1]."
    first, second = analyze_claim(text, 0, LEX)
    assert (first.kind, first.trigger, first.items) == (
        AdviceKind.PROHIBIT,
        "Do NOT",
        ("baclofen",),
    )
    assert first.conditions == ("beyond 1-2 weeks",)
    assert first.duration_days == (7.0, 14.0)
    assert second.kind is AdviceKind.EVIDENCE
    assert second.text == "no evidence supports long use"  # the trailing marker is dropped


def test_dash_prohibition_of_a_class_is_unconditional():
    st = analyze_claim(
        "Do NOT use systemic corticosteroids \u2013 they did no better than placebo 1, 4", 0, LEX
    )
    assert st[0].kind is AdviceKind.PROHIBIT
    assert st[0].items == ("systemic-corticosteroids",)
    assert st[0].conditions == ()
    assert st[1].kind is AdviceKind.EVIDENCE


def test_must_be_discontinued_is_a_conditional_prohibition():
    st = _one(
        "Baclofen (like any muscle relaxant) must be discontinued after 1-2 weeks at most, as "
        "trials lasted two weeks or less",
        AdviceKind.PROHIBIT,
    )
    assert st.items == ("baclofen", "skeletal-muscle-relaxants")
    assert st.conditions == ("after 1-2 weeks",)
    assert st.trigger == "must be discontinued"


def test_do_not_underdose_is_not_a_prohibition():
    kinds = [
        s.kind
        for s in analyze_claim("Do NOT underdose pregabalin \u2013 low doses do little", 0, LEX)
    ]
    assert AdviceKind.PROHIBIT not in kinds
    assert kinds[0] is AdviceKind.LOOKALIKE


def test_not_just_inside_parentheses_keeps_the_recommendation():
    st = analyze_claim(
        "Make sure pregabalin reaches 150-300 mg twice daily (not just 75 mg), as this treats "
        "the neuropathic pain",
        0,
        LEX,
    )
    assert st[0].kind is AdviceKind.MENTION or st[0].kind is AdviceKind.LOOKALIKE
    st = analyze_claim(
        "Ensure pregabalin is dosed at 150-300 mg twice daily (not just 75 mg)", 0, LEX
    )
    assert (st[0].kind, st[0].items) == (AdviceKind.RECOMMEND, ("pregabalin",))


def test_preferred_over_excludes_the_other_drug():
    text = (
        "If pain persists despite pregabalin, add nortriptyline at night (preferred over "
        "amitriptyline in the elderly) or duloxetine daily"
    )
    main, carve = analyze_claim(text, 0, LEX)
    assert main.kind is AdviceKind.RECOMMEND
    assert main.items == ("nortriptyline", "duloxetine")
    assert main.conditions == ("If pain persists despite pregabalin",)
    assert (carve.kind, carve.trigger, carve.items) == (
        AdviceKind.MENTION,
        "preferred over",
        ("amitriptyline",),
    )
    assert carve.span.end <= main.span.end
    assert text[carve.span.start : carve.span.end].startswith("over amitriptyline")


def test_rather_than_is_not_a_prohibition():
    st = analyze_claim(
        "The improvement may come mainly from pregabalin rather than baclofen", 0, LEX
    )
    assert [s.kind for s in st] == [AdviceKind.MENTION, AdviceKind.MENTION]
    assert st[1].trigger == "rather than" and st[1].items == ("baclofen",)


def test_referral_for_epidural_steroids_is_not_advice_and_names_the_route():
    text = (
        "If there is no response by 6 weeks, refer for consideration of epidural steroid injections"
    )
    (st,) = analyze_claim(text, 0, LEX)
    assert st.kind is AdviceKind.MENTION
    assert non_systemic_routes(st.text) == ("epidural", "injections")
    assert non_systemic_routes("Start oral prednisone 40 mg") == ()


def test_hedge_with_condition_and_evidence_after_though():
    text = (
        "If pregabalin causes marked sedation (many stopped it in one study), consider "
        "switching to gabapentin, though pregabalin relieved pain faster"
    )
    hedge, evidence = analyze_claim(text, 0, LEX)
    assert (hedge.kind, hedge.trigger, hedge.items) == (
        AdviceKind.HEDGE,
        "consider",
        ("gabapentin",),
    )
    assert hedge.conditions == ("If pregabalin causes marked sedation",)
    assert evidence.kind is AdviceKind.EVIDENCE


def test_alternative_is_a_permission_with_its_condition():
    st = _one(
        "Duloxetine 30-60 mg daily is an alternative if depression coexists", AdviceKind.PERMIT
    )
    assert st.items == ("duloxetine",)
    assert st.conditions == ("if depression coexists",)


def test_weeks_and_open_durations():
    assert _one("Continue baclofen for 6 weeks", AdviceKind.RECOMMEND).duration_days == (42, 42)
    st = _one("Continue baclofen beyond 2 weeks", AdviceKind.RECOMMEND)
    assert st.duration_days[0] == 14 and math.isinf(st.duration_days[1])
    assert _one("Give amoxicillin for 5-7 days", AdviceKind.RECOMMEND).duration_days == (5, 7)
    # a duration inside a condition is not the recommended duration
    st = _one("If pain lasts more than 3 weeks, start naproxen", AdviceKind.RECOMMEND)
    assert st.duration_days is None


def test_statement_fields_and_offsets():
    text = "Avoid NSAIDs in patients with kidney disease, but acetaminophen is acceptable [3]."
    first, second = analyze_claim(text, 40, LEX, section=2, claim=7)
    assert first.span == Span(40, 40 + text.index(","))
    assert first.text == "Avoid NSAIDs in patients with kidney disease"
    assert second.text == "acetaminophen is acceptable"
    assert (first.section, first.claim, second.claim) == (2, 7, 7)
    assert second.trigger == "is acceptable"


def test_empty_and_markers_only():
    assert analyze_claim("", 0, LEX) == []
    assert analyze_claim("1, 4", 0, LEX) == []
    assert analyze_claim("Use naproxen.", 0, None)[0].items == ()


if __name__ == "__main__":
    right, total, kinds_right, clauses, misses = score()
    print(f"sentences fully right: {right}/{total} ({right / total:.1%})")
    print(f"clause kinds right:    {kinds_right}/{clauses} ({kinds_right / clauses:.1%})")
    print("\n".join(misses))


def test_long_and_adversarial_text_is_fast():
    import time

    chunks = [
        "in patients with " * 300,
        "do not " * 300,
        "for 1-2 " * 300,
        "rather than (" * 200,
        "if when unless " * 200 + "x" * 3000,
        "over 65 " * 300,
        "Avoid NSAIDs in patients taking naproxen, " * 100,
    ]
    start = time.perf_counter()
    for chunk in chunks:
        analyze_claim(chunk, 0, LEX)
    assert time.perf_counter() - start < 2.0


_ALPHABET = "abcdeilnoprstuvyz ,;.()[]-\u2013\u00a0DNOT0123456789"
_WORDS = [
    "do not",
    "avoid",
    "consider",
    "rather than",
    "but",
    "unless",
    "if",
    "in patients with",
    "for 2 weeks",
    "beyond",
    "prednisone",
    "NSAIDs",
    "baclofen",
    "should",
    "may help",
    "(",
    ")",
    ",",
    ";",
    " \u2013 ",
    "not just",
    "[1]",
    "1, 4",
    "over",
    "preferred over",
]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=_ALPHABET, max_size=200),
        st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join),
    ),
    st.integers(min_value=0, max_value=50),
)
def test_any_text_gives_statements_inside_the_claim(text, offset):
    statements = analyze_claim(text, offset, LEX)
    for st_ in statements:
        assert offset <= st_.span.start < st_.span.end <= offset + len(text)
        assert st_.text == text[st_.span.start - offset : st_.span.end - offset]
        assert any(c.isalpha() for c in st_.text)
        assert set(st_.items) <= {h.name for h in LEX.find(text)}
