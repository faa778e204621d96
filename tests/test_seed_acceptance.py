"""The sample answer page: exactly four dangling markers, nothing else."""

import subprocess
import sys

from claimlint import lint_text
from conftest import SEED, need


def test_seed_gives_exactly_four_dangling_markers(seed_text):
    findings = lint_text(seed_text, path="seed.txt")
    assert [(f.code, f.line, f.message.split(" points")[0]) for f in findings] == [
        ("CL103", 40, "citation 4"),
        ("CL103", 60, "citation 4"),
        ("CL103", 61, "citation 4"),
        ("CL103", 66, "citation 5"),
    ]
    # the column points at the number itself
    lines = seed_text.splitlines()
    for f in findings:
        assert lines[f.line - 1][f.column - 1] == f.message.split()[1]


def test_seed_through_the_cli():
    need(SEED)
    proc = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", str(SEED)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith(f"{SEED}:40:")
    assert (
        " CL103 [error] citation 4 points to no reference (the list has 3) (dangling-marker)"
        in lines[0]
    )
    assert lines[-1] == "Found 4 findings (4 errors) in 1 file."


def test_seed_document_model(seed_text):
    from claimlint.parse import parse_document

    doc = parse_document("seed.txt", seed_text)
    assert doc.dialect == "answer"
    assert doc.title.startswith("A patient with lumbar spondylosis")
    assert [r.title for r in doc.references] == [
        "Alternative Medications for Sciatica and Chronic Back Pain",
        "Combining Celecoxib and Pregabalin for Lumbar Radiculopathy",
        "First-Line Medication for Radiculopathy",
    ]
    # claims start at line 20 (the body), none from chrome or Related Questions
    lines = sorted({doc.source.position(c.span.start)[0] for c in doc.claims})
    assert lines[0] == 20 and lines[-1] == 67
    assert all(c.is_cited for c in doc.claims)
    assert "Critical Pitfalls to Avoid" in [s.title for s in doc.sections]
