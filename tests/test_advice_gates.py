"""The classifier's substring gates are only a speed-up: on real sentences (the corpora, the
examples, the labelled set) and on their mutations, gated and ungated results are identical."""

import random

import pytest

import claimlint.parse.advice_patterns as AP
from claimlint.parse import parse_document
from conftest import EXAMPLES, ROOT, SHARED


def _sentences() -> list[str]:
    texts = []
    sources = [*EXAMPLES.glob("*/*.md"), *EXAMPLES.glob("*/*.txt")]
    sources += [
        SHARED / "seeds" / "000_9d0893084c627329.txt",
        SHARED / "corpus" / "covid19-review-therapeutics-appendix" / "21.pharmaceuticals-app.md",
        *sorted((SHARED / "corpus" / "deep-review" / "content").glob("0[2-6]*.md")),
    ]
    for path in sources:
        if path.exists():
            doc = parse_document(str(path), path.read_text(encoding="utf-8"))
            texts.extend(c.text for c in doc.claims)
    labelled = ROOT / "tests" / "fixtures" / "advice_sentences.tsv"
    for line in labelled.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            texts.append(line.split("\t", 1)[0])
    return texts


def _ungated(monkeypatch):
    monkeypatch.setattr(AP, "_gate", lambda work, words: True)


def test_gates_change_no_classification(monkeypatch):
    from claimlint.parse.advice import normalize

    rng = random.Random(7)
    works = [normalize(t) for t in _sentences()]
    if len(works) < 200:
        pytest.skip("not enough sentences without ../shared")
    for t in list(works):
        words = t.split()
        rng.shuffle(words)
        works.append(" ".join(words[: rng.randint(1, len(words))]))
    gated = [AP.classify(w) for w in works]
    _ungated(monkeypatch)
    assert [AP.classify(w) for w in works] == gated


# The rules analyse a claim's advice only when it can matter (CL402: a claim that can prohibit,
# or that names a prohibited item; CL401/CL403: a claim that names a forbidden item or phrase).
# These are the facts that make that skipping exact, checked on every claim of real documents.


def _documents():
    sources = [*EXAMPLES.glob("*/*.md"), *EXAMPLES.glob("*/*.txt")]
    sources += [
        SHARED / "seeds" / "000_9d0893084c627329.txt",
        SHARED / "corpus" / "covid19-review-therapeutics-appendix" / "21.pharmaceuticals-app.md",
        *sorted((SHARED / "corpus" / "deep-review" / "content").glob("0[2-6]*.md")),
    ]
    for path in sources:
        if path.exists():
            yield parse_document(str(path), path.read_text(encoding="utf-8"))


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
