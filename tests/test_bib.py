"""Bibliography loading: the 45-file quirk corpus, located problems, resolution."""

import pytest

from claimlint.bib import load_bib_file, load_bibliography
from claimlint.model import Reference, Span
from claimlint.parse.references import make_reference
from conftest import SHARED

BIBTEX = SHARED / "corpus" / "bibtex"
FILES = sorted(BIBTEX.glob("*/*.bib")) if BIBTEX.exists() else []


@pytest.mark.skipif(not FILES, reason="../shared/corpus/bibtex is not available")
def test_all_45_corpus_files_load_without_exception():
    assert len(FILES) == 45
    for path in FILES:
        bib = load_bib_file(str(path))
        for p in bib.problems:
            assert p.line >= 1 and p.column >= 1, (path.name, p)


def _problems(name):
    path = next(p for p in FILES if p.name == name)
    return [(p.kind, p.line) for p in load_bib_file(str(path)).problems]


@pytest.mark.skipif(not FILES, reason="../shared/corpus/bibtex is not available")
def test_malformed_corpus_files_give_located_problems():
    assert ("duplicate-key", 7) in _problems("duplicate_entry_keys.bib")
    assert _problems("gbk_test.bib")[0][0] == "parse-error"
    assert ("parse-error", 28) in _problems("splitter_example_mixed_with_unterminated_quote.bib")
    assert [k for k, _ in _problems("duplicate_string_keys.bib")] == ["duplicate-key"] * 2
    # a crossref cycle terminates and reports the missing fields once per entry
    assert _problems("crossref_cascading_cycle.bib") == [("incomplete", 6), ("incomplete", 11)]


@pytest.mark.skipif(not FILES, reason="../shared/corpus/bibtex is not available")
def test_crossref_fills_required_fields():
    path = next(p for p in FILES if p.name == "crossref_book_inbook.bib")
    assert load_bib_file(str(path)).problems == []


def test_bib_entry_lines_and_resolution(tmp_path):
    bib_path = tmp_path / "refs.bib"
    bib_path.write_text(
        "% comment\n\n@article{smith2020,\n  author = {Smith, A.},\n"
        "  title = {Pregabalin for lumbar radicular pain: a randomized trial},\n"
        "  journal = {Pain}, year = {2020}, doi = {10.1000/ABC.1}, pmid = {123456},\n}\n",
        encoding="utf-8",
    )
    bib = load_bibliography([str(bib_path)])
    entry = bib.entries["smith2020"]
    assert entry.line == 3
    assert bib.resolve("doi:10.1000/abc.1") is entry
    assert bib.resolve("pmid:123456") is entry
    assert bib.resolve("smith2021") is None
    assert bib.suggest("smith2021") == "smith2020"

    def ref(text):
        return make_reference(1, "1", text, Span(0, 1))

    assert bib.match_reference(ref("Smith A. Something. doi:10.1000/abc.1"))[1] == "doi"
    assert bib.match_reference(ref("PMID: 123456"))[1] == "pmid"
    found, how = bib.match_reference(
        ref("Smith A. Pregabalin for lumbar radicular pain: a randomised trial. Pain. 2020.")
    )
    assert found is entry and how in ("title", "fuzzy")
    assert bib.match_reference(ref("Jones B. Gabapentin in shingles. Pain. 2019."))[0] is None


def test_short_titles_do_not_fuzzy_match(tmp_path):
    bib_path = tmp_path / "refs.bib"
    bib_path.write_text("@misc{x, title = {Pregabalin dosing}}\n", encoding="utf-8")
    bib = load_bibliography([str(bib_path)])
    reference = Reference(
        1, "1", "Pregabalin dosing in renal failure", Span(0, 1), title="Pregabalin"
    )
    assert bib.match_reference(reference)[0] is None


def test_csl_json_and_aliases(tmp_path):
    (tmp_path / "refs.json").write_text(
        '[\n {"id": "abc", "title": "A title", "DOI": "10.1/XYZ"},\n'
        ' {"id": "abc", "title": "dup"}\n]\n',
        encoding="utf-8",
    )
    (tmp_path / "tags.md").write_text("[@tag:Foo2016]: doi:10.1/xyz\n", encoding="utf-8")
    bib = load_bibliography([str(tmp_path / "tags.md"), str(tmp_path / "refs.json")])
    assert bib.resolve("tag:Foo2016").key == "abc"
    dup = bib.files[1].problems
    assert [(p.kind, p.line) for p in dup] == [("duplicate-key", 3)]


def test_missing_and_invalid_files_are_problems_not_exceptions(tmp_path):
    missing = load_bib_file(str(tmp_path / "nope.bib"))
    assert missing.problems[0].kind == "parse-error"
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("[\n {oops}\n]", encoding="utf-8")
    problem = load_bib_file(str(bad_json)).problems[0]
    assert (problem.kind, problem.line) == ("parse-error", 2)
