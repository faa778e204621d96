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
