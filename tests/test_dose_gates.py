# ruff: noqa: E501 - cue-word lists, one category per line
"""The dose parser's cue-word gates are only a speed-up: with every gate forced open, no gated
pattern ever matches where its claim's gate would have skipped it. Checked on real lines (the
examples, ../shared when present) and on generated sentences full of the patterns' own cue
words in odd case and spacing (including the letters re.IGNORECASE folds: İ ı ſ)."""

import random

import pytest

import claimlint.parse.dose_course as K
import claimlint.parse.dose_cues as C
import claimlint.parse.dose_frequency as F
import claimlint.parse.dose_roles as R
import claimlint.parse.dose_tail as T
import claimlint.parse.doses as D
from claimlint.lexicon import load_lexicon
from claimlint.parse import parse_document
from conftest import EXAMPLES, SHARED

PAIRS = [  # (module, pattern attribute, its gate)
    (K, "ROUTE", K.ROUTE_GATE), (K, "DURATION", K.DURATION_GATE), (F, "DIVIDED", F.DIVIDED_GATE),
    (R, "CONTRAST_END", R.CONTRAST_GATE), (R, "LIMIT_END", R.LIMIT_GATE),
    (R, "TAIL_LIMIT", R.TAIL_LIMIT_GATE), (R, "MISDOSED", R.MISDOSED_GATE),
    (R, "PROHIBIT", R.PROHIBIT_GATE), (R, "TAIL_PROHIBIT", R.TAIL_PROHIBIT_GATE),
    (D, "EVIDENCE", R.EVIDENCE_GATE), (R, "EVIDENCE", R.EVIDENCE_GATE),
    (R, "POPULATION", R.POPULATION_GATE), (R, "_PAREN_POP", R.POPULATION_GATE),
    (R, "POPULATION_LOWER", R.POPULATION_GATE), (R, "LIMIT_END_LOWER", R.LIMIT_GATE),
    (K, "DURATION_LOWER", K.DURATION_GATE),
    (R, "MAINTENANCE", R.MAINTENANCE_GATE), (R, "TITRATION_END", R.TITRATION_END_GATE),
    (R, "TITRATION_ANY", R.TITRATION_ANY_GATE), (R, "TITRATION_CLAUSE", R.TITRATION_CLAUSE_GATE),
    (T, "BEFORE", T.BEFORE_GATE),
]  # fmt: skip

PHRASES = [
    p.strip()
    for p in """not just|not only|rather than|instead of|as opposed to|in place of|compared with|compared to|versus|vs.|vs
below|under|above|over|exceeding|beyond|more than|less than|fewer than|greater than|at least|at most|maximum|maximum daily dose|max.|max|min|minimum|up to|capped at|limited to|ceiling of|threshold of|<|>|≤|≥|<=|>=
underdosed|under-dosed|under‐dosed|overdosed|over‐dose|sub-therapeutic|subtherapeutic|too low|too high|inadequate dosing|insufficient doses
do not|don't|don’t|never|avoid|avoiding|should not|must not|shouldn't|mustn’t|is not recommended|are not recommended|not be used|not be given|contraindicated|recommend against|discouraged|stop using
maintenance|maintained|continue|continued at
start at|started with|starting|starting dose of|initially|initial dose|begin at|beginning with|increase to|increased by|decrease to|reduce to|escalate to|titrate to|uptitrated to|taper to|wean to|advance to|lower to|then|followed by|step up to|stepped down to
loading dose of|loading|single dose of|single|one-time|one time dose|stat|stat dose|daily dose of|total daily dose is|daily total of|daily amount
study|trial|studies|randomised|randomized|RCT|RCTs|meta-analysis|meta analyses|cohort|participants|enrolled|was given|were administered|were treated|was used|received|treatment arm|control group|placebo groups|reported|observed|showed|demonstrated|investigated|dose was|regimen were
renal|kidney|CKD|ESRD|CrCl|creatinine clearance|eGFR|GFR|dialysis|haemodialysis|hepatic|liver|cirrhosis|Child-Pugh|child‐pugh|elderly|older adults|older patients|geriatric|frail|aged over 6|over 65|over the age of 60|≥65 years|> 60 y|children|child|paediatric|pediatric|infants|neonates|newborn|adolescents|toddlers|kids|weighing less|weighs over|weigh <|body weight <|bodyweight≥|< 50 kg|≥40kg|pregnant|pregnancy|lactating|breastfeeding|breast-feeding""".replace(
        "\n", "|"
    ).split("|")
]
TAILS = [
    p.strip()
    for p in """twice daily|once daily|BID|q8h|every 6 hours|for 7 days|x 5 days|× 3 days|over 2 weeks|up to 14 days|for 2-3 weeks|5-day course|during 10 days|in 2 divided doses|divided|in three divided daily doses|divided into 2 doses
orally|oral|by mouth|per os|PO|p.o.|IV|i.v.|intravenously|IM|i.m.|intramuscular|SC|SQ|s.c.|subcut|subcutaneously|topical|epidural|transdermal|intrathecal|inhaled|inhalation|nebulised|nebulized|rectally|per rectum|sublingual|intranasal|intra-articular|intraarticular
or more|or less|or higher|and above|and over|or over|max|maximum|at most|max.
is not recommended|are no longer advised|is not appropriate|should be avoided|should not be used|must be avoided|is contraindicated
renal|in elderly|(in renal impairment)|(CrCl 30-60 mL/min)|(for children)|in pregnancy""".replace(
        "\n", "|"
    ).split("|")
]
DRUGS = ["pregabalin", "gabapentin", "ibuprofen", "naproxen", "amoxicillin", "prednisone", ""]
AMTS = [
    "150 mg",
    "75-150 mg",
    "5 mg/kg/day",
    "1 g",
    "0.5 mg",
    "1,200 mg",
    "10 units",
    "40 mEq",
    "2 mL",
    "50 mcg",
    "from 75 to 150 mg",
    "5 mg and 10 mg",
]


class _Watched:
    """A pattern that records a match found where the claim's real gate is closed."""

    def __init__(self, name, pattern, gate, state):
        self.name, self.p, self.gate, self.state = name, pattern, gate, state
        self.pattern = pattern.pattern

    def _check(self, found):
        if found:
            self.state["hits"][self.name] = self.state["hits"].get(self.name, 0) + 1
            if not C.Cues(self.state["text"])(self.gate):
                self.state["violations"].append((self.name, self.state["text"]))

    def search(self, *a):
        m = self.p.search(*a)
        self._check(m is not None)
        return m

    def match(self, *a):
        m = self.p.match(*a)
        self._check(m is not None)
        return m

    def finditer(self, *a):
        found = list(self.p.finditer(*a))
        self._check(bool(found))
        return iter(found)


class _Open:
    def __init__(self, text):
        pass

    def __call__(self, gate):
        return True


def _texts(count: int) -> list[str]:
    texts = []
    roots = [EXAMPLES, SHARED / "corpus", SHARED / "seeds"]
    for root in roots:
        for f in sorted(root.rglob("*")) if root.exists() else ():
            if f.suffix in (".md", ".txt") and f.is_file():
                text = f.read_text(encoding="utf-8", errors="replace")
                texts.extend(line for line in text.splitlines() if any(c.isdigit() for c in line))
    rnd = random.Random(0)

    def mangle(p):
        r = rnd.random()
        if r < 0.15:
            return p.upper()
        if r < 0.3:
            return p.title()
        if r < 0.4:
            return p.replace("i", "\u0131").replace("s", "\u017f")
        if r < 0.45:
            return p.replace("I", "\u0130").replace("i", "\u0130")
        return p

    def gap():
        return rnd.choice(
            [" ", " ", " ", "  ", "\t", "\u00a0", "\n", " (x) ", "(", ")", " ; ", ", "]
        )

    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(1, 4)):
            parts += [rnd.choice(DRUGS)] + [
                mangle(rnd.choice(PHRASES)) for _ in range(rnd.randint(0, 2))
            ]
            parts += [rnd.choice(AMTS)] + [
                mangle(rnd.choice(TAILS)) for _ in range(rnd.randint(0, 3))
            ]
        texts.append("".join(p + gap() for p in parts if p))
    return texts


def test_no_gated_pattern_matches_behind_a_closed_gate(monkeypatch):
    state = {"text": "", "hits": {}, "violations": []}
    for module, attr, gate in PAIRS:
        monkeypatch.setattr(module, attr, _Watched(attr, getattr(module, attr), gate, state))
    monkeypatch.setattr(D, "Cues", _Open)
    lexicon = load_lexicon()
    for text in _texts(4000):
        state["text"] = text
        D.extract_doses(text, 0, lexicon)
    assert state["violations"] == []
    assert len(state["hits"]) >= 15  # the check exercised (nearly) every gated pattern


@pytest.mark.parametrize("unit", ["mg/m\u0131n", "un\u0130ts", "uniT\u017f", "mg/\u212ag"])
def test_units_with_case_folded_letters_parse_instead_of_crashing(unit):
    doc = parse_document("a.md", f"# Dosing\n\nGive ibuprofen 5 {unit} daily [1].\n")
    assert len(doc.dose_mentions) == 1
