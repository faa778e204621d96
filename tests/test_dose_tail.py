"""The dose parser's speed-ups change no result: the lower-case patterns of an ASCII claim, the
split tail-stop search, the amount prefilter, the rewritten AMOUNT and the frequency guard give
exactly what the general patterns give. Checked on real lines and generated sentences (the
same as tests/test_dose_gates.py uses), on sentences built from the stop words and marks, and
on strings generated from every frequency branch."""

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dose_gates import _texts

import claimlint.parse.doses as D
from claimlint.lexicon import load_lexicon
from claimlint.parse import dose_course as K
from claimlint.parse import dose_cues as C
from claimlint.parse import dose_frequency as F
from claimlint.parse import dose_grammar as G
from claimlint.parse import dose_roles as R
from claimlint.parse import dose_tail as T

# AMOUNT as it was written before its first character was taken apart.
_OLD_AMOUNT = re.compile(
    rf"(?<![\w.,/\u00b5\u03bc])(?P<lo>{G._NUM})\s*(?:(?P<lou>{G._UNIT})\s*)?"
    rf"(?:(?P<sep>[{G.DASHES}]|to\b|and\b)\s*(?P<hi>{G._NUM})\s*)?(?P<unit>{G._UNIT})",
    re.I,
)
_LEXICON = load_lexicon()
TEXTS = _texts(3000)


def _stop_texts(count: int) -> list[str]:
    rnd = random.Random(3)
    pieces = " |  |-| - |\t-\n|;|:|,|, |.|. |. A|. a|then|Then|thence|followed by|FOLLOWED\n by|"
    pieces += "but|butter|while|whereas|If|if|unless|when|x|2|mg|(|)|_then"
    pieces = pieces.split("|")
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14))) for _ in range(count)]


def _spans(m):
    return None if m is None else (m.lastgroup, [m.span(g) for g in range(m.re.groups + 1)])


def test_ascii_shortcuts_give_the_general_result(monkeypatch):
    texts = [t for t in TEXTS if t.isascii()]
    fast = [D.extract_doses(t, 7, _LEXICON) for t in texts]
    monkeypatch.setattr(D, "_lowered", lambda text: None)
    assert [D.extract_doses(t, 7, _LEXICON) for t in texts] == fast
    assert sum(map(len, fast)) > 1000


def test_tail_stop_is_the_first_tail_stop_match():
    for text in _stop_texts(3000) + TEXTS[:500]:
        if not text.isascii():
            continue
        low = text.lower()
        for start in range(len(text)):
            for end in (start + 3, start + 30, len(text)):
                m = T.TAIL_STOP.search(text, start, end)
                assert T.tail_stop(text, low, start, end) == (-1 if m is None else m.start())


def test_lower_case_patterns_match_as_the_folding_ones():
    pairs = [(F.FREQUENCY, F.FREQUENCY_LOWER), (G.AMOUNT, G._LOWER[0]), (G._CASED[1], G._LOWER[1]),
             (K.DURATION, K.DURATION_LOWER), (R.LIMIT_END, R.LIMIT_END_LOWER),
             (R.POPULATION, R.POPULATION_LOWER)]  # fmt: skip
    for text in TEXTS[::2] + _stop_texts(300):
        if not text.isascii() or any(abbr in text for abbr in F.CASED):
            continue
        low = text.lower()
        for start in range(0, len(text), 5):
            for general, lower in pairs:
                assert _spans(general.search(text, start)) == _spans(lower.search(low, start))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_every_frequency_branch_passes_the_guard(data):
    guard = re.compile(F._LOWER_GUARD)
    for name, pattern in F._LOWER_PARTS:
        text = data.draw(st.from_regex(re.compile(pattern), fullmatch=True), label=name)
        assert guard.match(text), (name, text)


def test_amount_rewrite_and_prefilter():
    for text in [*TEXTS, "5 mg mg", "[5-7] 2019 and 2020", ".5 mg", "a1 mg", "1,000,000 mcg"]:
        old = [(m.span(), m.groups()) for m in _OLD_AMOUNT.finditer(text)]
        assert [(m.span(), m.groups()) for m in G.AMOUNT.finditer(text)] == old
        assert not old or G.UNIT_AFTER_DIGIT.search(text)


def test_unit_letters_fold_as_the_units_do():
    # UNIT_AFTER_DIGIT's class, under re.I, takes exactly the characters that open a unit.
    units = G._UNIT[len("(?:") : G._UNIT.index(")(?!")].encode().decode("unicode_escape")
    firsts, depth = {units[0]}, 0
    for i, c in enumerate(units):
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == "|" and depth == 0:
            firsts.add(units[i + 1])
    firsts = sorted(firsts)
    assert "".join(firsts) == "gimu\u00b5\u03bc"
    every = "".join(map(chr, range(0x110000)))
    literal = re.compile("|".join(firsts), re.I)
    assert set(literal.findall(every)) == set(re.findall(r"[mgiu\u00b5\u03bc]", every, re.I))


def test_cues_mask_is_every_tokens_mask():
    for text in TEXTS[:500]:
        mask = 0
        for token in text.split():
            mask |= C._token_mask(token)
        assert C.Cues(text).mask == mask


def _after_texts(count: int) -> list[str]:
    rnd = random.Random(5)
    units = ["mg", "MG", "g", "mcg", "\u00b5g", "units", "IU", "mEq", "mL", "grams"]
    after = " |  |\t|\u00a0|\n|/|/ |per |Per |PER|a |an |A |An |and |kg|KG|m2|m\u00b2|sq m|day|d|h|"
    after += "hrs|min|wk|dose|dL|L|mL|mmol|\u00b5mol|daily|orally|.|,|)|(|;|-|x|"
    after += "\u0131|\u0130|\u017f|p|2|"
    after = after.split("|")
    texts = []
    for _ in range(count):
        words = [f"{rnd.randint(1, 900)} {rnd.choice(units)}"]
        words += [rnd.choice(after) for _ in range(rnd.randint(0, 6))]
        texts.append("".join(words))
    return texts


def test_nothing_after_a_unit_where_the_shortcut_says_so(monkeypatch):
    # Where NOTHING_AFTER holds the next character (after at most one space), the basis, "per"
    # and concentration pattern matches nothing there...
    texts = TEXTS[::3] + _after_texts(4000)
    for text in texts:
        low = text.lower() if text.isascii() else None
        for i in range(len(text)):
            c = text[i : i + 1]
            c = text[i + 1 : i + 2] if c == " " else c
            if c in G.NOTHING_AFTER:
                for pattern, scan in ((G._CASED[1], text), (G._LOWER[1], low)):
                    if scan is not None:
                        m = pattern.match(scan, i)
                        assert m.end() == i and m.groups() == (None, None, None), (text, i)
    # ... so the amounts are those read without the shortcut.
    fast = [
        (G.find_amounts(t), G.find_amounts(t, 0, t.lower() if t.isascii() else None)) for t in texts
    ]
    monkeypatch.setattr(G, "NOTHING_AFTER", frozenset())
    slow = [
        (G.find_amounts(t), G.find_amounts(t, 0, t.lower() if t.isascii() else None)) for t in texts
    ]
    assert fast == slow
    assert sum(len(a) for a, _ in fast) > 3000


def test_rounded_is_round():
    rnd = random.Random(7)
    xs = [0.0, -0.0, 1.0, -3.0, 2.0**53, 2.0**53 + 2, 1e22, 1e300, -1e300, 5e-324, 0.1, 2.5e-7]
    xs += [float("inf"), float("-inf"), 1e-7 * 3, 600.0 * 1 / 7, 0.075 * 3, 1200.0 * 0.001]
    xs += [
        float(rnd.randint(0, 5000)) * rnd.choice([1, 0.001, 1000, 0.5, 1 / 7, 24, 1440, 1 / 30])
        for _ in range(20000)
    ]
    xs += [rnd.uniform(-1e6, 1e6) for _ in range(5000)] + [float(n) for n in range(-50, 5000)]
    for x in xs:
        for digits in (6, 9):
            r = G.rounded(x, digits)
            assert repr(r) == repr(round(x, digits)) and type(r) is float, (x, digits)
    nan = G.rounded(float("nan"), 6)
    assert nan != nan
