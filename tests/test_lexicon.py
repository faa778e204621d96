"""Tests for the drug lexicon: rules/drugs.toml and claimlint.lexicon."""

from __future__ import annotations

import functools
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.lexicon import DrugHit, LexiconError, load_lexicon

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def found(lex, text: str) -> list[tuple[str, str, str]]:
    """(surface, canonical name, kind) of every hit, after checking the offsets."""
    hits = lex.find(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.surface
    return [(h.surface, h.name, h.kind) for h in hits]


# --- data --------------------------------------------------------------------------------------


def test_lexicon_is_large_enough(lex):
    assert len(lex.drugs) >= 200
    assert all(drug == drug.lower() for drug in lex.drugs)


@pytest.mark.parametrize(
    "class_id",
    [
        "gabapentinoids",
        "nsaids",
        "cox-2-inhibitors",
        "systemic-corticosteroids",
        "benzodiazepines",
        "skeletal-muscle-relaxants",
        "opioids",
        "ssris",
        "snris",
        "tcas",
        "anticoagulants",
        "antiplatelets",
        "fluoroquinolones",
        "penicillins",
        "cephalosporins",
        "macrolides",
        "tetracyclines",
        "statins",
        "ace-inhibitors",
        "arbs",
        "beta-blockers",
        "ppis",
        "antipsychotics",
        "atypical-antipsychotics",
        "antiepileptics",
    ],
)
def test_required_classes_exist_and_have_members(lex, class_id):
    assert class_id in lex.classes
    assert lex.is_class(class_id)
    assert len(lex.members(class_id)) >= 2
    assert lex.members(class_id) <= lex.drugs


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Lyrica", "pregabalin"),
        ("Neurontin", "gabapentin"),
        ("Gralise", "gabapentin"),
        ("Celebrex", "celecoxib"),
        ("Aleve", "naproxen"),
        ("Naprosyn", "naproxen"),
        ("Advil", "ibuprofen"),
        ("Motrin", "ibuprofen"),
        ("Cymbalta", "duloxetine"),
        ("Elavil", "amitriptyline"),
        ("Pamelor", "nortriptyline"),
        ("Lioresal", "baclofen"),
        ("Flexeril", "cyclobenzaprine"),
        ("Tylenol", "acetaminophen"),
        ("paracetamol", "acetaminophen"),
        ("Medrol", "methylprednisolone"),
        ("Solu-Medrol", "methylprednisolone"),
        ("Effexor", "venlafaxine"),
        ("Tegretol", "carbamazepine"),
        ("Synthroid", "levothyroxine"),
        ("valproate", "valproic acid"),
        ("Depakote", "valproic acid"),
        ("norethisterone", "norethindrone"),
        ("Myonal", "eperisone"),
        ("Precedex", "dexmedetomidine"),
        ("Lithobid", "lithium"),
        ("LYRICA", "pregabalin"),
        ("  lyrica ", "pregabalin"),
        ("pregabalin", "pregabalin"),
        ("valproic  acid", "valproic acid"),
    ],
)
def test_brand_and_synonym_resolve_to_generic(lex, name, generic):
    assert lex.canonical(name) == generic
    assert generic in lex.drugs
    assert not lex.is_class(name)


@pytest.mark.parametrize(
    ("name", "class_id"),
    [
        ("NSAIDs", "nsaids"),
        ("NSAID", "nsaids"),
        ("non-steroidal anti-inflammatory drugs", "nsaids"),
        ("nonsteroidal anti-inflammatory drug", "nsaids"),
        ("systemic corticosteroids", "systemic-corticosteroids"),
        ("oral steroids", "systemic-corticosteroids"),
        ("corticosteroids", "systemic-corticosteroids"),
        ("muscle relaxants", "skeletal-muscle-relaxants"),
        ("benzodiazepines", "benzodiazepines"),
        ("gabapentinoids", "gabapentinoids"),
        ("COX-2 inhibitors", "cox-2-inhibitors"),
        ("selective COX-2 inhibitors", "cox-2-inhibitors"),
        ("COX2 inhibitor", "cox-2-inhibitors"),
        ("opioids", "opioids"),
        ("fluoroquinolones", "fluoroquinolones"),
        ("beta-blockers", "beta-blockers"),
        ("beta blockers", "beta-blockers"),
        ("β-blockers", "beta-blockers"),
        ("systemic-corticosteroids", "systemic-corticosteroids"),
    ],
)
def test_class_names_resolve_to_class_id(lex, name, class_id):
    assert lex.canonical(name) == class_id
    assert lex.is_class(name)


def test_unknown_names(lex):
    for name in ("", "   ", "notadrug", "opioid use disorder", "pain"):
        assert lex.canonical(name) is None
        assert not lex.is_class(name)
    assert lex.members("no-such-class") == frozenset()
    assert lex.members("pregabalin") == frozenset()
    assert lex.classes_of("notadrug") == frozenset()


def test_class_members(lex):
    steroids = lex.members("systemic-corticosteroids")
    assert {"prednisone", "prednisolone", "methylprednisolone", "dexamethasone"} <= steroids
    assert "hydrocortisone" in steroids
    assert "fluticasone" not in steroids  # inhaled only
    relaxants = lex.members("skeletal-muscle-relaxants")
    assert {"baclofen", "tizanidine", "cyclobenzaprine", "methocarbamol"} <= relaxants
    assert {"carisoprodol", "eperisone"} <= relaxants
    assert lex.members("antiplatelets") >= {"aspirin", "clopidogrel", "ticagrelor"}
    assert lex.members("gabapentinoids") >= {"pregabalin", "gabapentin"}


def test_includes_pull_in_member_classes(lex):
    anticoagulants = lex.members("anticoagulants")
    assert {"apixaban", "rivaroxaban", "dabigatran", "edoxaban"} <= anticoagulants  # DOACs
    assert {"warfarin", "heparin", "enoxaparin"} <= anticoagulants
    nsaids = lex.members("nsaids")
    assert {"celecoxib", "ibuprofen", "naproxen"} <= nsaids
    assert "celecoxib" not in lex.members("nonselective-nsaids")
    assert lex.members("ssris") <= lex.members("antidepressants")
    assert lex.members("NSAIDs") == nsaids  # a surface name works too


def test_classes_of(lex):
    assert lex.classes_of("Lyrica") == {"gabapentinoids", "antiepileptics"}
    assert {"cox-2-inhibitors", "nsaids"} <= lex.classes_of("celecoxib")
    assert "nonselective-nsaids" in lex.classes_of("Aleve")
    assert {"injected-corticosteroids", "systemic-corticosteroids"} <= lex.classes_of("Medrol")
    assert lex.classes_of("valproate") >= {"antiepileptics", "mood-stabilizers"}


# --- find() ------------------------------------------------------------------------------------


def test_find_offsets_and_order(lex):
    text = "Start pregabalin (Lyrica®) 75 mg; avoid NSAIDs with warfarin."
    hits = lex.find(text)
    assert hits == [
        DrugHit(6, 16, "pregabalin", "drug", "pregabalin"),
        DrugHit(18, 24, "pregabalin", "drug", "Lyrica"),
        DrugHit(40, 46, "nsaids", "class", "NSAIDs"),
        DrugHit(52, 60, "warfarin", "drug", "warfarin"),
    ]


def test_find_handles_punctuation_around_names(lex):
    assert found(lex, "pregabalin/gabapentin") == [
        ("pregabalin", "pregabalin", "drug"),
        ("gabapentin", "gabapentin", "drug"),
    ]
    assert found(lex, "(Celebrex)") == [("Celebrex", "celecoxib", "drug")]
    assert found(lex, "Lyrica's label") == [("Lyrica", "pregabalin", "drug")]
    assert found(lex, "baclofen-induced drowsiness") == [("baclofen", "baclofen", "drug")]
    assert found(lex, "TEGRETOL.") == [("TEGRETOL", "carbamazepine", "drug")]


def test_find_prefers_the_longest_name(lex):
    assert found(lex, "Selective COX-2 inhibitors like celecoxib") == [
        ("Selective COX-2 inhibitors", "cox-2-inhibitors", "class"),
        ("celecoxib", "celecoxib", "drug"),
    ]
    assert found(lex, "valproic acid") == [("valproic acid", "valproic acid", "drug")]
    assert found(lex, "gabapentin enacarbil") == [
        ("gabapentin enacarbil", "gabapentin enacarbil", "drug")
    ]
    assert found(lex, "fewer GI effects than traditional NSAIDs") == [
        ("traditional NSAIDs", "nonselective-nsaids", "class")
    ]
    assert found(lex, "consider epidural steroid injections") == [
        ("epidural steroid injections", "injected-corticosteroids", "class")
    ]
    assert found(lex, "skeletal muscle relaxants") == [
        ("skeletal muscle relaxants", "skeletal-muscle-relaxants", "class")
    ]


def test_find_is_word_bounded(lex):
    for text in (
        "environment",
        "xbaclofen",
        "baclofens",
        "baclofen2",
        "2baclofen",
        "aspiring",
        "pregabalinic",
        "non-steroidal",  # not "steroid"
    ):
        assert lex.find(text) == [], text


def test_find_accepts_separator_variants(lex):
    for text in (
        "cox-2 inhibitors",
        "COX2 inhibitors",
        "COX 2 inhibitors",
        "COX–2 inhibitors",
        "cox-2\ninhibitors",
    ):
        assert found(lex, text) == [(text, "cox-2-inhibitors", "class")]
    text = "non‑steroidal anti‑inflammatory drugs"  # non-breaking hyphens
    assert found(lex, text) == [(text, "nsaids", "class")]
    # a paragraph break ends a name
    assert found(lex, "valproic\n\nacid") == []


def test_find_singular_and_plural_class_names(lex):
    for text in ("an NSAID", "NSAIDs", "a benzodiazepine", "benzodiazepines", "statins"):
        assert [kind for _, _, kind in found(lex, text)] == ["class"], text


def test_ignore_phrases_are_not_mentions(lex):
    assert found(lex, "treat opioid use disorder") == []
    assert found(lex, "a steroid-sparing agent") == []
    assert found(lex, "opioids for opioid receptors") == [("opioids", "opioids", "class")]


def test_ordinary_prose_has_no_drug(lex):
    text = (
        "Plan B: if the patient feels better, continue the current plan, review the dose at the "
        "next visit and keep a diary. A soma is the body of a nerve cell; a sonata is music. "
        "Iron deficiency, gold standard, environment, advice, focus, ensure, amber, relief, "
        "insulin resistance, the stable version and a lumbar spine examination."
    )
    assert lex.find(text) == []


def test_seed_page_drugs_are_found(lex):
    text = (
        "Drugs discussed: pregabalin, baclofen, naproxen, celecoxib, gabapentin, nortriptyline, "
        "amitriptyline (Elavil), duloxetine, Effexor (venlafaxine), Lyrica, eperisone, "
        "norethisterone, carbamazepine, lithium, valproic acid, dexmedetomidine hydrochloride; "
        "classes: muscle relaxants, NSAIDs, gabapentinoids, systemic corticosteroids, "
        "benzodiazepines, atypical antipsychotics."
    )
    names = {name for _, name, _ in found(lex, text)}
    assert names == {
        "pregabalin",
        "baclofen",
        "naproxen",
        "celecoxib",
        "gabapentin",
        "nortriptyline",
        "amitriptyline",
        "duloxetine",
        "venlafaxine",
        "eperisone",
        "norethindrone",
        "carbamazepine",
        "lithium",
        "valproic acid",
        "dexmedetomidine",
        "skeletal-muscle-relaxants",
        "nsaids",
        "gabapentinoids",
        "systemic-corticosteroids",
        "benzodiazepines",
        "atypical-antipsychotics",
    }


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed pages not available")
def test_real_seed_page(lex):
    path = next(SEEDS.glob("000_*.txt"), None)
    if path is None:
        pytest.skip("seed page 000 not available")
    text = path.read_text(encoding="utf-8")
    names = {hit.name for hit in lex.find(text)}
    assert {
        "pregabalin",
        "baclofen",
        "naproxen",
        "celecoxib",
        "gabapentin",
        "duloxetine",
        "nortriptyline",
        "amitriptyline",
        "venlafaxine",
        "eperisone",
        "norethindrone",
        "carbamazepine",
        "lithium",
        "valproic acid",
        "dexmedetomidine",
        "cox-2-inhibitors",
        "injected-corticosteroids",
        "systemic-corticosteroids",
    } <= names


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Lyrica", "NSAIDs", "valproic", "acid", "COX-2", "inhibitors", "the", "-", "/", " "]
        )
        | st.text(max_size=6),
        max_size=12,
    )
)
def test_hits_are_ordered_non_overlapping_and_exact(lex, parts):
    text = " ".join(parts)
    hits = lex.find(text)
    end = 0
    for hit in hits:
        assert end <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.surface
        assert hit.kind in ("drug", "class")
        end = hit.end


# --- find() against the plain token walk it replaced ---------------------------------------------
# find() looks only at tokens that can start a name (and, for ASCII text, finds them with string
# searches); _reference_find below is the straightforward algorithm it must agree with exactly:
# split the text into tokens, and at each token that starts a name try the longest run of tokens
# (joined by separators _SEP allows) first; whole words only; "ignore" names consume their
# tokens without a hit.

_REF_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_REF_SEP = re.compile(r"[-‐‑‒–/]|[^\S\n]*\n?[^\S\n]*")


@functools.cache
def _reference_first(lex) -> dict[str, int]:
    """First word -> most words in a name that starts with it."""
    first: dict[str, int] = {}
    for key in lex._index:
        head, space, _ = key.partition(" ")
        size = key.count(" ") + 1 if space else 1
        if first.get(head, 0) < size:
            first[head] = size
    return first


def _reference_find(lex, text: str) -> list[DrugHit]:
    tokens = [(m.start(), m.end(), m.group()) for m in _REF_TOKEN.finditer(text)]
    index, first, sep_ok = lex._index, _reference_first(lex), _REF_SEP.fullmatch
    size = len(text)
    hits: list[DrugHit] = []
    i, n = 0, len(tokens)
    while i < n:
        start, end, word = tokens[i]
        word = word.lower()
        longest = first.get(word)
        if longest is None or (start and text[start - 1].isalnum()):
            i += 1
            continue
        words, ends = [word], [end]
        j = i + 1
        while j < n and len(words) < longest and sep_ok(text, ends[-1], tokens[j][0]):
            words.append(tokens[j][2].lower())
            ends.append(tokens[j][1])
            j += 1
        for length in range(len(words), 0, -1):
            entry = index.get(" ".join(words[:length]))
            stop = ends[length - 1]
            if entry is None or (stop < size and text[stop].isalnum()):
                continue
            if entry[1] != "ignore":
                hits.append(DrugHit(start, stop, entry[0], entry[1], text[start:stop]))
            i += length
            break
        else:
            i += 1
    return hits


# Between the words of a name, and between pieces of text: separators _SEP accepts and some it
# does not (two line breaks, an em dash, "_", "?", a curly apostrophe), nothing at all (glued),
# and blanks beyond ASCII (a no-break space and a line separator are blanks to _SEP).
_GLUES = ["", " ", "  ", "-", "/", "–", "‑", "\n", " \n ", "\n\n", "—", "_", "?", "’", "\u00a0",
          "\u2028", "\t", ", ", ". ", "(", ")"]  # fmt: skip
# Text around names: words, digits, letters that glue, letters whose lowering is odd (İ lowers
# to two characters, Σ to σ or ς by context), letters and digits beyond ASCII, symbols.
_FILLER = ["the", "and", "first", "line", "5", "10", "mg", "x", "s", "İ", "Σ", "ΟΣ", "ς", "µg",
           "é", "²", "٣", "ǅ", "K", "→", "®", "…", "'s", "’s"]  # fmt: skip
_CASES = [str, str.upper, str.title, str.capitalize, str.swapcase]


@st.composite
def _spelled(draw, keys: list[str]) -> str:
    """A name of the lexicon as a text might write it: any case, any separators."""
    words = draw(st.sampled_from(keys)).split(" ")
    text = words[0]
    for word in words[1:]:
        text += draw(st.sampled_from(_GLUES[:8])) + word
    return draw(st.sampled_from(_CASES))(text)


def _texts(keys: list[str]):
    piece = _spelled(keys) | st.sampled_from(_FILLER) | st.text(max_size=3)
    return st.lists(st.tuples(piece, st.sampled_from(_GLUES)), max_size=10).map(
        lambda parts: "".join(p + g for p, g in parts)
    )


def _same_as_reference(lex, text: str) -> None:
    assert lex.find(text) == _reference_find(lex, text), repr(text)


_KEYS = sorted(load_lexicon()._index)


@settings(max_examples=400, deadline=None)
@given(_texts(_KEYS))
def test_find_agrees_with_the_token_walk(lex, text):
    _same_as_reference(lex, text)


@settings(max_examples=300, deadline=None)
@given(_texts([key for key in _KEYS if " " in key]))
def test_find_agrees_with_the_token_walk_on_longer_names(lex, text):
    _same_as_reference(lex, text)


def test_find_agrees_with_the_token_walk_on_many_texts(lex):
    """A seeded sweep: names of the lexicon in random case and spacing among filler, with some
    texts naming more different drugs than find() searches for one by one."""
    rnd = random.Random(20240611)
    for count in [*range(1, 12)] * 150 + [60, 80, 400]:
        parts = []
        for _ in range(count):
            if rnd.random() < 0.5:
                words = rnd.choice(_KEYS).split(" ")
                name = words[0] + "".join(rnd.choice(_GLUES[:8]) + w for w in words[1:])
                parts.append(rnd.choice(_CASES)(name))
            else:
                parts.append(rnd.choice(_FILLER))
            parts.append(rnd.choice(_GLUES))
        _same_as_reference(lex, "".join(parts))


@pytest.mark.parametrize(
    "text",
    [
        "Lyrica’s dose – valproic\u00a0acid and COX–2 inhibitors",  # beyond ASCII, no letters
        "valproic\u00a0\nacid, valproic\u2028acid, valproic\u00a0\n\nacid",  # wide blanks
        "µg of pregabalin; é baclofen; pregabalinµ; ²pregabalin",  # letters beyond ASCII
        "İbuprofen, ıbuprofen, IBUPROFEN, ǅ naproxen, KETOROLAC",  # odd lowering
        "ΣNSAIDS NSAIDSΣ NSAIDΣ' α-blockers, β blockers, TNF-α inhibitors",
        "5-alpha reductase inhibitors, 5-α-reductase inhibitors, 15 α reductase inhibitors",
        "first-line NSAIDs; second generation antipsychotics; ACE inhibitor2",
        "selective COX-2 inhibitors7, COX-2 inhibitors, COX2inhibitors, cox-2-inhibitors",
        "opioid use disorder; opioid use; opioids used; steroid-sparing agents",
        "Lyrica Lyrica lyrica-lyrica Lyrica/Lyrica",
        "",
        " ",
        "pregabalin",
    ],
)
def test_find_agrees_with_the_token_walk_on_tricky_texts(lex, text):
    _same_as_reference(lex, text)


SMALL = """\
drugs = '''
mesalamine: 5-ASA, 5 aminosalicylic acid, Asacol
fluorouracil: 5-FU
cyanocobalamin: vitamin B12, B12
tamsulosin: Flomax
abcd: a b c d
'''
ignore = '''
5 mg
a b c
'''

[classes]
alpha-blockers = '''
names: alpha blocker, α blocker, α1 blocker
members: tamsulosin
'''
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("lexicon") / "drugs.toml"
    path.write_text(SMALL, encoding="utf-8")
    return load_lexicon(path)


def test_find_with_names_that_start_with_a_digit(small):
    text = "5-ASA, 5 mg, 5FU, 15-ASA, a5-ASA, 5-asa5, 5 aminosalicylic acid, B12 and vitamin b-12"
    assert found(small, text) == [
        ("5-ASA", "mesalamine", "drug"),
        ("5FU", "fluorouracil", "drug"),
        ("5 aminosalicylic acid", "mesalamine", "drug"),
        ("B12", "cyanocobalamin", "drug"),
        ("vitamin b-12", "cyanocobalamin", "drug"),
    ]


def test_find_ignore_names_consume_their_words(small):
    # the ignored "a b c" takes its three words without a hit, and "a b" is no name
    assert found(small, "a b c d; a b c; a b; a b c d") == [
        ("a b c d", "abcd", "drug"),
        ("a b c d", "abcd", "drug"),
    ]


def test_find_names_beyond_ascii(small):
    assert found(small, "α-blockers, α1 blocker, alpha blockers; Flomax") == [
        ("α-blockers", "alpha-blockers", "class"),
        ("α1 blocker", "alpha-blockers", "class"),
        ("alpha blockers", "alpha-blockers", "class"),
        ("Flomax", "tamsulosin", "drug"),
    ]


_SMALL_KEYS = ["5 asa", "5 fu", "5 mg", "a b c", "a b c d", "b 12", "vitamin b 12", "α blocker",
               "α 1 blocker"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_texts(_SMALL_KEYS))
def test_find_agrees_with_the_token_walk_on_a_small_lexicon(small, text):
    _same_as_reference(small, text)


def test_easy_separators_are_separators():
    from claimlint.lexicon import _EASY_SEP, _SEP

    for gap in _EASY_SEP:
        assert _SEP.fullmatch(gap), repr(gap)


def test_load_is_cached_per_path(lex):
    from claimlint.data import rules_dir

    default = rules_dir() / "drugs.toml"  # the installed copy in a wheel, the repo's otherwise
    assert load_lexicon() is lex
    assert load_lexicon(default) is lex
    assert load_lexicon(str(default)) is lex


# --- malformed files ---------------------------------------------------------------------------

GOOD = """\
drugs = '''
# comment
pregabalin: Lyrica
gabapentin: Neurontin,
    Gralise
ketoprofen
'''

[classes]
gabapentinoids = '''
names: gabapentinoid
members: pregabalin, gabapentin
'''
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "drugs.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_small_file_loads(tmp_path):
    lex = load_lexicon(write(tmp_path, GOOD))
    assert lex.drugs == {"pregabalin", "gabapentin", "ketoprofen"}
    assert lex.canonical("Gralise") == "gabapentin"  # continuation line
    assert lex.members("gabapentinoids") == {"pregabalin", "gabapentin"}
    assert [h.name for h in lex.find("Gralise or gabapentinoids")] == [
        "gabapentin",
        "gabapentinoids",
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "problem"),
    [
        ("members: pregabalin, gabapentin", "members: pregabalin, gabapentn", 12,
         "classes.gabapentinoids.members", "'gabapentn' is not a generic name"),
        ("pregabalin: Lyrica", "Pregabalin: Lyrica", 3, "drugs.Pregabalin", "lower case"),
        ("ketoprofen", "ketoprofen: Lyrica", 6, "drugs.ketoprofen", "'Lyrica' already means"),
        ("ketoprofen", "pregabalin", 6, "drugs.pregabalin", "listed twice (first at line 3)"),
        ("names: gabapentinoid", "nmes: gabapentinoid", 11, "classes.gabapentinoids",
         "expected names:, members: or includes:"),
        ("names: gabapentinoid", "names: gabapentinoid, Neurontin", 11,
         "classes.gabapentinoids.names", "'Neurontin' already means 'gabapentin'"),
        ("members: pregabalin, gabapentin", "members: pregabalin,, gabapentin", 12,
         "classes.gabapentinoids.members", "empty name"),
        ("members: pregabalin, gabapentin", "members: pregabalin\nincludes: opioids", 13,
         "classes.gabapentinoids.includes", "unknown class 'opioids'"),
        ("gabapentinoids = '''", "Gaba_Pentinoids = '''", 10, "classes.Gaba_Pentinoids",
         "kebab case"),
        ("gabapentinoids = '''", "gabapentin = '''", 10, "classes.gabapentin",
         "cannot also be a drug name"),
    ],
)  # fmt: skip
def test_malformed_files_name_file_line_and_key(tmp_path, old, new, line, key, problem):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    message = str(caught.value)
    assert message.startswith(f"{path.resolve()}:{line}: {key}: ")
    assert problem in message


def test_include_cycle_is_an_error(tmp_path):
    text = (
        GOOD + "a = '''\nnames: alpha\nincludes: b\n'''\nb = '''\nnames: beta\nincludes: a\n'''\n"
    )
    with pytest.raises(LexiconError, match=r"drugs\.toml:16: classes\.a\.includes: .*a -> b -> a"):
        load_lexicon(write(tmp_path, text))


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, GOOD + "oops = = 1\n")
    with pytest.raises(LexiconError, match=rf"^{re.escape(str(path.resolve()))}:14: invalid TOML"):
        load_lexicon(path)


def test_wrong_shapes_are_errors(tmp_path):
    with pytest.raises(LexiconError, match=r":1: drugs: expected a '''"):
        load_lexicon(write(tmp_path, "drugs = ['pregabalin']\n"))
    with pytest.raises(LexiconError, match=r"drugs\.toml: extra: unknown key"):
        load_lexicon(write(tmp_path, GOOD.replace("[classes]", "extra = 1\n[classes]")))
    with pytest.raises(LexiconError, match=r"drugs\.toml: drugs: missing"):
        load_lexicon(write(tmp_path, "ignore = ''\n"))
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "absent.toml")


def test_drug_hit_is_an_immutable_value():
    # DrugHit is a named tuple (built faster than a frozen dataclass): it must keep the frozen
    # dataclass's behaviour that callers rely on, fields by name, no assignment, equality and
    # hashing by value, and the same repr.
    hit = DrugHit(6, 16, "pregabalin", "drug", "Lyrica")
    assert (hit.start, hit.end, hit.name, hit.kind, hit.surface) == (
        6,
        16,
        "pregabalin",
        "drug",
        "Lyrica",
    )
    with pytest.raises(AttributeError):
        hit.name = "other"  # type: ignore[misc]
    assert hit == DrugHit(6, 16, "pregabalin", "drug", "Lyrica")
    assert len({hit, DrugHit(6, 16, "pregabalin", "drug", "Lyrica")}) == 1
    assert repr(hit) == (
        "DrugHit(start=6, end=16, name='pregabalin', kind='drug', surface='Lyrica')"
    )
