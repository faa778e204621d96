"""Pack loading scans the shipped .bib files without bibtexparser; the scan must agree with it."""

from claimlint.bib import load_bib_file
from claimlint.data import bib_dir
from claimlint.packs_reader import _label, _labels_in


def test_scan_matches_bibtexparser_on_the_shipped_bibliography():
    scanned = _labels_in((bib_dir().resolve(),))
    parsed = {}
    for path in sorted(bib_dir().glob("*.bib")):
        for e in load_bib_file(str(path)).entries:
            parsed[e.key] = _label(e.get("author"), e.get("year") or e.get("date"))
    assert len(parsed) > 100
    assert scanned == parsed


def test_multiline_author_and_string_blocks(tmp_path):
    (tmp_path / "x.bib").write_text(
        '@string{acp = "American College of Physicians"}\n'
        "@article{a1,\n  author = {Roe, Rita and\n            Doe, John},\n  year = 2019,\n}\n"
        '@misc{b2, author = "{World Health Organization}", year = {2021}}\n',
        encoding="utf-8",
    )
    assert _labels_in((tmp_path,)) == {
        "a1": "Roe et al. 2019",
        "b2": "World Health Organization 2021",
    }
