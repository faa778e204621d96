"""Crash containment and the cache under concurrent runs."""

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helper import invoke

import claimlint.rules.cl202_unused_reference as cl202
from claimlint.config import Settings
from claimlint.runner import exit_code, run

DOC = """# Pregabalin

Pregabalin 150-300 mg twice daily is the usual maintenance range [1].

Gabapentin is an alternative when pregabalin is not tolerated.

## References

1. Pregabalin prescribing information. U.S. prescribing information. 2020.
"""


def _boom(doc, ctx, opts):
    raise RuntimeError("boom")
    yield  # pragma: no cover


def _break_cl202(monkeypatch):
    import claimlint.rules

    broken = dataclasses.replace(cl202.RULE, check=_boom)
    rules = tuple(broken if r is cl202.RULE else r for r in claimlint.rules.ALL_RULES)
    monkeypatch.setattr(claimlint.rules, "ALL_RULES", rules)


def test_a_crashing_rule_becomes_a_finding_and_exit_2(tmp_path, monkeypatch):
    _break_cl202(monkeypatch)
    (tmp_path / "a.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "b.md").write_text(DOC, encoding="utf-8")
    report = run([str(tmp_path)], Settings())
    crashes = [f for f in report.findings if f.code == "CL000"]
    assert [(Path(f.path).name, f.line) for f in crashes] == [("a.md", 1), ("b.md", 1)]
    assert (
        "rule CL202 (unused-reference) crashed on this file: RuntimeError: boom"
        in crashes[0].message
    )
    # the other rules still ran on both files
    assert sum(f.code == "CL101" for f in report.findings) == 2
    assert exit_code(report, "error") == 2


def test_debug_reraises(tmp_path, monkeypatch):
    _break_cl202(monkeypatch)
    (tmp_path / "a.md").write_text(DOC, encoding="utf-8")
    with pytest.raises(RuntimeError, match="boom"):
        invoke("check", "--debug", "--no-cache", str(tmp_path / "a.md"))


def test_two_concurrent_runs_share_the_cache_without_corrupting_it(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(120):
        body = (
            DOC
            if i % 2
            else DOC.replace("Gabapentin is an alternative", "Gabapentin is another option")
        )
        (docs / f"d{i:03}.md").write_text(body, encoding="utf-8")
    cmd = [sys.executable, "-m", "claimlint", "check", "--format", "json", "--jobs", "1", str(docs)]
    procs = [
        subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert all(p.returncode == 1 for p in procs)
    assert outputs[0] == outputs[1]
    cache = tmp_path / ".claimlint_cache"
    assert len(list(cache.rglob("*.json"))) == 120
    assert not list(cache.rglob(".tmp-*"))  # no half-written entries left behind
    # a third run reads every entry back and reports the same
    third = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert third.stdout == outputs[0]
