"""examples/good lints clean; each examples/bad file gives exactly its .expected findings."""

import pytest

from claimlint.config import Settings
from claimlint.runner import run
from conftest import EXAMPLES

BAD = sorted(p for p in (EXAMPLES / "bad").iterdir() if p.suffix != ".expected")


def test_good_examples_are_clean():
    report = run([str(EXAMPLES / "good")], Settings())
    assert [(f.path, f.line, f.code, f.message) for f in report.findings] == []
    dialects = {p.suffix for p in (EXAMPLES / "good").iterdir()}
    assert {".md", ".txt"} <= dialects


def test_good_examples_cover_every_dialect():
    from claimlint.parse import parse_document

    seen = set()
    for path in (EXAMPLES / "good").iterdir():
        if path.suffix in (".md", ".txt"):
            seen.add(parse_document(str(path), path.read_text(encoding="utf-8")).dialect)
    assert seen == {"numeric", "pandoc", "footnote", "answer"}


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_example(path):
    expected = []
    for line in path.with_suffix(".expected").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            code, pos = line.split()
            ln, col = pos.split(":")
            expected.append((code, int(ln), int(col)))
    select = tuple(sorted({code for code, _, _ in expected} | {path.name[:5].upper()}))
    report = run([str(path)], Settings(select=select))
    assert sorted((f.code, f.line, f.column) for f in report.findings) == sorted(expected)


def test_every_stable_rule_has_a_bad_example():
    from claimlint.rules import ALL_RULES

    covered = {p.name[:5].upper() for p in BAD}
    missing = [r.code for r in ALL_RULES if r.code not in covered and r.code != "CL001"]
    assert missing == []
