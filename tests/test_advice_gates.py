"""The classifier's substring gates are only a speed-up: on real sentences (the corpora, the
examples, the labelled set) and on their mutations, gated and ungated results are identical."""

import random

import pytest

import claimlint.parse.advice_patterns as AP
from claimlint.parse import parse_document
from conftest import EXAMPLES, ROOT, SHARED


def _documents():
    """Parsed real documents: the examples, and the seed and corpora when ../shared is here."""
    sources = [*EXAMPLES.glob("*/*.md"), *EXAMPLES.glob("*/*.txt")]
    sources += [
        SHARED / "seeds" / "000_9d0893084c627329.txt",
        SHARED / "corpus" / "covid19-review-therapeutics-appendix" / "21.pharmaceuticals-app.md",
        *sorted((SHARED / "corpus" / "deep-review" / "content").glob("0[2-6]*.md")),
    ]
    for path in sources:
        if path.exists():
            yield parse_document(str(path), path.read_text(encoding="utf-8"))


def _sentences() -> list[str]:
    texts = [c.text for doc in _documents() for c in doc.claims]
    labelled = ROOT / "tests" / "fixtures" / "advice_sentences.tsv"
    for line in labelled.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            texts.append(line.split("\t", 1)[0])
    return texts


def _with_mutations(texts: list[str], rng: random.Random) -> list[str]:
    """The texts, then each one's words shuffled and cut short (skips without ../shared)."""
    if len(texts) < 200:
        pytest.skip("not enough sentences without ../shared")
    out = list(texts)
    for t in texts:
        words = t.split()
        rng.shuffle(words)
        out.append(" ".join(words[: rng.randint(1, len(words))]))
    return out


def _ungated(monkeypatch):
    monkeypatch.setattr(AP, "_gate", lambda work, words: True)


def test_gates_change_no_classification(monkeypatch):
    from claimlint.parse.advice import normalize

    works = _with_mutations([normalize(t) for t in _sentences()], random.Random(7))
    gated = [AP.classify(w) for w in works]
    _ungated(monkeypatch)
    assert [AP.classify(w) for w in works] == gated


# The rules analyse a claim's advice only when it can matter (CL402: a claim that can prohibit,
# or that names a prohibited item; CL401/CL403: a claim that names a forbidden item or phrase).
# These are the facts that make that skipping exact, checked on every claim of real documents.


def test_claim_gates_are_supersets_of_what_analysis_finds():
    from claimlint.model import AdviceKind
    from claimlint.packs import load_packs
    from claimlint.parse.advice import may_prohibit

    entries = load_packs().entries
    statements = prohibitions = 0
    for doc in _documents():
        for claim in doc.claims:
            names = {h.name for h in doc.hits_of(claim.index)}
            for st in doc.advice_of(claim.index):
                statements += 1
                assert set(st.items) <= names, st
                if st.kind is AdviceKind.PROHIBIT:
                    prohibitions += 1
                    assert may_prohibit(claim.text), st
                for entry in entries:
                    if entry.phrase_in(st.text):
                        assert entry.phrase_in(claim.text), (entry.id, st)
    assert statements > 100 and prohibitions > 5


def test_prohibit_gate_reads_clauses_without_their_conditions():
    from claimlint.lexicon import load_lexicon
    from claimlint.parse.advice import analyze_claim, may_prohibit

    text = "Ibuprofen is an option when there is no contraindication [1]."
    assert not may_prohibit(text)
    assert may_prohibit("Avoid ibuprofen when there is no contraindication [1].")
    assert may_prohibit("Ibuprofen is an option; it is contraindicated in pregnancy.")
    # the preparation kept by may_prohibit serves the next analysis of that text only
    lexicon = load_lexicon()
    other = "Do not use ibuprofen in pregnancy, because of the risk to the fetus [2]."
    assert may_prohibit(other)
    first = analyze_claim(text, 3, lexicon)
    assert analyze_claim(other, 3, lexicon) == analyze_claim(other, 3, lexicon)
    assert may_prohibit(other) and analyze_claim(other, 7, lexicon)[0].span.start == 7 + 0
    assert analyze_claim(text, 3, lexicon) == first


def test_prohibit_gate_is_a_superset_on_mutations_and_soup():
    from claimlint.lexicon import load_lexicon
    from claimlint.parse.advice import analyze_claim, may_prohibit

    lexicon = load_lexicon()
    texts = _claims_and_mutations()
    kinds = [{st.kind.value for st in analyze_claim(t, 0, lexicon)} for t in texts]
    assert sum("prohibit" in k for k in kinds) > 1000
    for text, found in zip(texts, kinds, strict=True):
        if "prohibit" in found:
            assert may_prohibit(text), text
    assert sum(not may_prohibit(t) for t, k in zip(texts, kinds, strict=True)) > 1000


def test_gate_words_with_a_space_allow_a_blanked_character():
    from claimlint.parse.advice import may_prohibit

    assert may_prohibit("there is no role for opioids")
    assert may_prohibit("no\u00a0role for opioids")  # normalized to a space
    assert not may_prohibit("opioids help with pain")


def test_advice_is_analysed_only_when_asked_and_kept():
    doc = parse_document("a.md", "# Pain\n\nAvoid tramadol [1].\n\nStart tramadol [1].\n")
    calls = []
    real = doc.analyzer

    object.__setattr__(
        doc, "analyzer", lambda claim, hits: calls.append(claim.index) or real(claim, hits)
    )
    assert doc.advice_of(1)[0].kind.value == "recommend"
    doc.advice_of(1)
    assert calls == [1]
    assert [st.kind.value for st in doc.advice] == ["prohibit", "recommend"]
    assert calls == [1, 0]


def test_a_pickled_document_carries_its_advice_not_the_lexicon():
    import pickle

    doc = parse_document("a.md", "# Pain\n\nAvoid tramadol [1].\n\nStart tramadol [1].\n")
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.analyzer is None
    assert copy.advice == doc.advice and copy.advice_of(1) == doc.advice_of(1)
    assert len(pickle.dumps(doc)) < 20_000


# The analysis' other shortcuts (tests for words that a pattern cannot match without, a depth
# list built per bracket): every claim of the real documents, their shuffled and cut versions,
# and random strings of the patterns' own words, numbers, units, brackets, dashes and spaces
# give the same advice with and without them.

_SOUP = (
    "a|an|one|two|ten|twelve|1|2|3|10|14|1.5|0|day|days|d|week|weeks|wk|wks|month|mo|mos|year|yr"
    "|yrs|hours|course|trial|taper|regimen|supply|for|over|x|\u00d7|>|<|\u2265|up to|no longer than"
    "|beyond|after|past|more than|longer than|exceeding|during|limited to|a maximum of|for up to"
    "|before|prior to|if|when|unless|except|until|where|in case of|provided|as long as|in|among"
    "|with|with gfr|with a known egfr|history of|renal|hepatic|creatinine clearance|egfr|crcl"
    "|heart failure|bleeding|qt|cardiac|pregnancy|allergy|aged|older than|above|under"
    "|younger than|patients|people|men|women|adults|those|elderly|frail|pregnant|breastfeeding"
    "|children|in cases where|should"
    "|must|not|do not|don't|never|avoid|avoided|to avoid|contraindicated|no role for|stop"
    "|discontinue|hold|consider|suggest|may|can|could|be used|option|alternative|acceptable|safe"
    "|recommend|first-line|preferred|indicated|use|start|add|treat|take|try|exceed|abruptly"
    "|suddenly|not just|whether or not|delay|withhold|wean|tapering|evidence|trials|placebo"
    "|compared to|but|however|whereas|though|although|instead|instead of|rather than"
    "|in preference to|preferred over|but not|because|since|given that|as|as needed|;|,|.|:|-|--"
    "|(|)|[|]|[1]|[2, 3]|1, 4|ad|and|or|then|also|warfarin|ibuprofen|nsaids|opioids|tramadol"
)
_GLUE = (" ", " ", " ", "", "  ", "\n", "-", ", ", "\u00a0", "\u2013", " (", ") ", "[", "] ")


def _soup(rng: random.Random, n: int) -> list[str]:
    soup, out = _SOUP.split("|"), []
    numbers = ("a", "an", "one", "two", "ten", "1", "2", "14", "1.5", "1-2", "2 to 3", "a or 2")
    units = ("d", "day", "days", "week", "wks", "month", "mo", "mos", "years", "yr", "hours")

    def token() -> str:
        if rng.random() < 0.75:
            return rng.choice(soup)
        glue = rng.choice(("", " ", "-", "  ", "\n"))
        return rng.choice(soup) + " " + rng.choice(numbers) + glue + rng.choice(units)

    for _ in range(n):
        words = [token() for _ in range(rng.randint(1, 14))]
        text = words[0]
        for word in words[1:]:
            text += rng.choice(_GLUE) + word
        out.append(text[0].upper() + text[1:] + rng.choice(("", ".", " [1].", " 2, 3", "")))
    return out


def _claims_and_mutations() -> list[str]:
    rng = random.Random(11)
    return _with_mutations(_sentences(), rng) + _soup(rng, 6000)


def _ungate_everything(monkeypatch):
    import claimlint.parse.advice_clauses as K
    import claimlint.parse.advice_conditions as C

    yes = lambda *args: True  # noqa: E731
    monkeypatch.setattr(AP, "_gate", yes)
    monkeypatch.setattr(C, "_gate", yes)
    monkeypatch.setattr(C, "_found", yes)
    monkeypatch.setattr(K, "_may_split", yes)
    monkeypatch.setattr(K, "_cut_matches", lambda work, end: list(K._SPLIT.finditer(work, 0, end)))
    monkeypatch.setattr(K, "_may_end_in_marker", yes)
    monkeypatch.setattr(K, "_marker_run_start", lambda work, end, stop: stop)


def test_analysis_shortcuts_change_no_statement(monkeypatch):
    from claimlint.lexicon import load_lexicon
    from claimlint.parse.advice import analyze_claim

    lexicon = load_lexicon()
    texts = _claims_and_mutations()
    gated = [analyze_claim(t, 5, lexicon) for t in texts]
    assert sum(st.kind.value != "mention" for sts in gated for st in sts) > 2000
    assert sum(bool(st.conditions) for sts in gated for st in sts) > 1000
    assert sum(st.duration_days is not None for sts in gated for st in sts) > 400
    _ungate_everything(monkeypatch)
    assert [analyze_claim(t, 5, lexicon) for t in texts] == gated


def test_cuts_are_found_where_the_search_finds_them():
    import claimlint.parse.advice_clauses as K
    from claimlint.parse.advice import normalize

    rng = random.Random(3)
    works = [normalize(t) for t in _claims_and_mutations()]
    blanks = (" ", "  ", "\t", " \n ", "", ",", ", ", ";", "-", " - ", "-- ", "1 -", "a -")
    for _ in range(3000):  # cut words, dashes and blanks side by side
        words = [rng.choice((*K._CUT_STARTS, "as", "since", "given that", "not", "of", "x"))]
        for _ in range(rng.randint(1, 8)):
            words += [rng.choice(blanks), rng.choice((*K._CUT_STARTS, "as", "not", "of", "x", "1"))]
        works.append("".join(words))

    def seen(matches):
        return [(m.span(), m.lastgroup, m.span("over")) for m in matches]

    cuts = 0
    for work in works:
        for end in {len(work), len(work) // 2}:
            found = seen(K._cut_matches(work, end))
            assert found == seen(K._SPLIT.finditer(work, 0, end)), work
            cuts += len(found)
    assert cuts > 5000


def test_condition_and_duration_gates_change_nothing(monkeypatch):
    import claimlint.parse.advice_conditions as C
    from claimlint.parse.advice import normalize

    works = [normalize(t) for t in _claims_and_mutations()]

    def results():
        return [
            (
                C.condition_spans(w),
                C.time_condition_spans(w),
                C.duration_days(w, prohibit=True),
                C.duration_days(w, prohibit=False),
            )
            for w in works
        ]

    gated = results()
    assert sum(bool(r[1]) for r in gated) > 200 and sum(r[3] is not None for r in gated) > 500
    _ungate_everything(monkeypatch)
    assert results() == gated


def test_clause_and_marker_gates_change_nothing(monkeypatch):
    import claimlint.parse.advice_clauses as K
    from claimlint.parse.advice import normalize

    works = [normalize(t) for t in _claims_and_mutations()]
    for n in range(290, 310):  # _body_end looks at the last 300 characters only
        works += [f"see [1]{' ' * n}", f"take x.5{' ' * n}", f"one [2]{'. ' * (n // 2)}"]
        works += [f"see [{'1, ' * (n // 3)}2]", f"a{' [1]' * (n // 4)}.", f"a [b{'x' * n}] [2]."]
    works += ["(a)1, 2", "x]. 3", "a [x\n] [2]", "[1]", "a[1][2] [3].", " 1, 2", "x%  1, 2 ."]
    works += ["see [1-3]\n", "a [1] b [2]", "a [[1]]", "a [1]] 2", "a 1-2, 3 - 4 .", "a \u2009[1]"]

    def results():
        out = []
        for w in works:
            end = K.body_end(w)
            out.append((end, [(c.start, c.end, c.sep, c.carves) for c in K.clauses(w, end)]))
        return out

    gated = results()
    assert sum(len(r[1]) > 1 for r in gated) > 800
    assert sum(r[0] < len(w) for r, w in zip(gated, works, strict=True)) > 1000
    _ungate_everything(monkeypatch)
    assert results() == gated


def test_bracket_depths_are_those_of_a_character_walk():
    from claimlint.parse.advice_clauses import _depths

    def walk(work: str, end: int) -> list[int]:
        depth, out = 0, []
        for ch in work[:end]:
            if ch in "([":
                depth += 1
            out.append(depth)
            if ch in ")]" and depth:
                depth -= 1
        return out

    rng = random.Random(3)
    for _ in range(3000):
        work = "".join(rng.choice("ab ([)]") for _ in range(rng.randint(0, 30)))
        end = rng.randint(0, len(work))
        assert _depths(work, end) == walk(work, end), (work, end)


def test_has_number_sees_a_and_an_before_a_unit():
    from claimlint.parse.advice_conditions import duration_days

    assert duration_days("avoid for a week", prohibit=True) == (7.0, 7.0)
    assert duration_days("limit to an-month", prohibit=True) == (30.0, 30.0)
    assert duration_days("use it for ad", prohibit=False) == (1.0, 1.0)
    assert duration_days("a 3 day course", prohibit=False) == (3.0, 3.0)
    assert duration_days("use it for a while", prohibit=False) is None


# CL402 analyses a claim for recommendations only when it may meet a prohibition: one naming a
# drug of a banned combination must also name the others and say "together" (or "plus", …).


def test_together_in_a_statement_is_found_in_its_claim():
    from claimlint.lexicon import load_lexicon
    from claimlint.parse.advice import analyze_claim
    from claimlint.rules.cl402_self_contradiction import _TOGETHER

    lexicon = load_lexicon()
    found = 0
    for text in _claims_and_mutations():
        for st in analyze_claim(text, 0, lexicon):
            if _TOGETHER.search(st.text):
                found += 1
                assert _TOGETHER.search(text), (st.text, text)
    assert found > 200


_PAIR_BANS = (
    "An ACE inhibitor and an ARB should not be combined [1].",
    "Lisinopril and losartan should not be combined [1].",
    "Never combine tramadol with other serotonergic drugs [1].",
    "Do not use ibuprofen and naproxen together [1].",
)
_RECS = (
    "Start lisinopril 10 mg once daily [1].",
    "Add losartan to lisinopril for proteinuria [1].",
    "Lisinopril plus losartan is an option [1].",
    "An ACE inhibitor together with an ARB may be considered [1].",
    "Use losartan; add lisinopril if needed [1].",
    "Start tramadol along with sertraline [1].",
    "Tramadol is an option, together with paracetamol [1].",
    "Ibuprofen plus naproxen can be used for flares [1].",
    "Consider naproxen, then add ibuprofen [1].",
    "Avoid ibuprofen [1].",
    "Combined lisinopril-losartan therapy is reasonable [1].",
)


def test_cl402_meets_the_same_prohibitions_without_the_claim_shortcut(monkeypatch):
    from claimlint.context import Context
    from claimlint.rules import cl402_self_contradiction as cl402

    ctx = Context()
    rng = random.Random(5)
    docs = list(_documents())
    for _ in range(300):
        body = [*rng.sample(_PAIR_BANS, rng.randint(1, 2)), *rng.sample(_RECS, rng.randint(1, 5))]
        rng.shuffle(body)
        docs.append(parse_document("a.md", "# Notes\n\n" + "\n\n".join(body) + "\n"))

    def findings():
        out = []
        for doc in docs:
            found = cl402.check(doc, ctx, cl402.Options())
            out.append([(v.span, v.message, v.related) for v in found])
        return out

    gated = findings()
    analysed = sum(len(doc._advice_memo) for doc in docs)
    assert sum(map(len, gated)) > 100
    monkeypatch.setattr(cl402, "_may_meet", lambda *args: True)
    assert findings() == gated
    assert sum(len(doc._advice_memo) for doc in docs) > analysed + 100  # claims it skipped
