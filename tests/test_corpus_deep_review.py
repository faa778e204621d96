"""The deep-review Manubot manuscript: citation extraction against pandoc, and resolution of
every citekey through tag definitions, citations.tsv and the CSL JSON bibliographies."""

from __future__ import annotations

import pytest

import pandoc_oracle
from claimlint.bib import load_bibliography
from claimlint.parse import NOT_TEXT, _mask, hidden_spans
from claimlint.parse import blocks as B
from claimlint.parse import markers as M
from claimlint.source import SourceText
from conftest import SHARED, need

DEEP = SHARED / "corpus" / "deep-review"
SECTIONS = sorted((DEEP / "content").glob("0[1-8]*.md")) if DEEP.exists() else []
BIB_SOURCES = [
    DEEP / "content" / "90.back-matter.md",  # [@tag:x]: doi:… definitions
    DEEP / "output" / "citations.tsv",  # input_id → short_id, as Manubot resolved them
    DEEP / "output" / "references.json",
    DEEP / "content" / "manual-references.json",
]


def _blocks_and_markers(path):
    src = SourceText.from_text(path.read_text(encoding="utf-8"))
    blocks, _ = B.markdown_blocks(src)
    masked = _mask(src.text, hidden_spans(src.text, blocks))
    markers, _bad, _groups = M.citekey_markers(masked)
    return src, [b for b in blocks if b.kind not in NOT_TEXT], markers


@pytest.mark.slow
@pytest.mark.skipif(not pandoc_oracle.available(), reason="pandoc is not installed")
@pytest.mark.parametrize("path", SECTIONS, ids=lambda p: p.name)
def test_citekeys_per_block_match_pandoc(path):
    src, blocks, markers = _blocks_and_markers(path)
    chunks = [src.text[src.text.rfind("\n", 0, b.start) + 1 : b.end] for b in blocks]
    theirs = pandoc_oracle.cite_keys_by_block(chunks)
    mismatches = []
    for i, b in enumerate(blocks):
        ours = [m.label for m in markers if b.start <= m.span.start < b.end]
        if ours != theirs.get(i, []):
            mismatches.append((b.line, ours, theirs.get(i, [])))
    assert mismatches == []


def test_every_citekey_resolves():
    need(DEEP)
    bib = load_bibliography([str(p) for p in BIB_SOURCES])
    total = 0
    unresolved = []
    for path in SECTIONS:
        _src, _blocks, markers = _blocks_and_markers(path)
        for m in markers:
            total += 1
            if bib.resolve(m.label) is None:
                unresolved.append((path.name, m.label))
    assert total >= 800
    assert unresolved == []


def test_lint_reports_nothing_for_markers_and_references(tmp_path):
    need(DEEP)
    from claimlint.config import Settings
    from claimlint.runner import run

    settings = Settings(
        select=("CL102", "CL103", "CL201"), bibliography=tuple(str(p) for p in BIB_SOURCES)
    )
    report = run([str(p) for p in SECTIONS], settings)
    assert [(f.path, f.line, f.code, f.message) for f in report.findings] == []
