"""Cache, parallel runs, baseline, config discovery, suppressions."""

import json

from cli_helper import invoke

from claimlint import lint_text
from claimlint.config import Settings, find_config, load_settings
from claimlint.runner import run

DOC = """# Pregabalin

Pregabalin 150-300 mg twice daily is the usual maintenance range [1].

## References

1. Pregabalin prescribing information. U.S. prescribing information. 2020.
"""
UNCITED = "Gabapentin is an alternative when pregabalin is not tolerated.\n"


def _corpus(tmp_path, n=80):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(n):
        extra = UNCITED if i % 7 == 0 else ""
        (folder / f"d{i:03}.md").write_text(
            DOC.replace("## References", extra + "\n## References"), encoding="utf-8"
        )
    return folder


def _rows(report):
    return [(f.path, f.line, f.column, f.code, f.message) for f in report.findings]


def test_cache_gives_the_same_findings_and_is_used(tmp_path):
    folder = _corpus(tmp_path)
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    cold = run([str(folder)], settings, use_cache=True)
    assert (tmp_path / "cache" / ".gitignore").read_text().strip().endswith("*")
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 80
    warm = run([str(folder)], settings, use_cache=True)
    assert _rows(warm) == _rows(cold) and len(cold.findings) == 12
    # a changed file is a miss: its new finding appears
    (folder / "d001.md").write_text(DOC + "\n" + UNCITED, encoding="utf-8")
    changed = run([str(folder)], settings, use_cache=True)
    assert len(changed.findings) == 13


def test_corrupt_cache_entry_is_rebuilt(tmp_path):
    folder = _corpus(tmp_path, 3)
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    first = run([str(folder)], settings, use_cache=True)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text('{"findings": [{"trunc', encoding="utf-8")
    again = run([str(folder)], settings, use_cache=True)
    assert _rows(again) == _rows(first)


def test_output_is_independent_of_jobs(tmp_path):
    folder = _corpus(tmp_path, 100)
    one = run([str(folder)], Settings(), jobs=1)
    two = run([str(folder)], Settings(), jobs=2)
    assert _rows(one) == _rows(two)


def test_baseline_survives_line_shift_but_reports_new_problems(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(DOC.replace("## References", UNCITED + "\n## References"), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    result = invoke("check", "--no-cache", "--write-baseline", str(baseline), str(doc))
    assert result.exit_code == 0
    assert len(json.loads(baseline.read_text())["findings"]) == 1
    assert invoke("check", "--no-cache", "--baseline", str(baseline), str(doc)).exit_code == 0
    # a paragraph inserted above the old finding: still suppressed by the baseline
    shifted = DOC.replace(
        "# Pregabalin\n", "# Pregabalin\n\nA new cited paragraph with text [1].\n"
    )
    doc.write_text(shifted.replace("## References", UNCITED + "\n## References"), encoding="utf-8")
    assert invoke("check", "--no-cache", "--baseline", str(baseline), str(doc)).exit_code == 0
    # a new problem is reported
    doc.write_text(
        shifted.replace(
            "## References", UNCITED + "\nNaproxen is another option here.\n\n## References"
        ),
        encoding="utf-8",
    )
    result = invoke("check", "--no-cache", "--baseline", str(baseline), str(doc))
    assert result.exit_code == 1
    assert "Naproxen is another option" in result.output
    assert "Gabapentin is an alternative" not in result.output


def test_missing_baseline_is_a_usage_error(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(DOC, encoding="utf-8")
    result = invoke("check", "--baseline", str(tmp_path / "none.json"), str(doc))
    assert result.exit_code == 2
    assert "baseline file not found" in result.output


def test_config_discovery_pyproject_and_precedence(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.claimlint]\nignore = ["CL101"]\n'
        '[tool.claimlint.severity]\nunused-reference = "error"\n',
        encoding="utf-8",
    )
    sub = tmp_path / "docs" / "deep"
    sub.mkdir(parents=True)
    found = find_config(sub)
    assert found == tmp_path / "pyproject.toml"
    settings = load_settings(found)
    assert settings.ignore == ("CL101",)
    assert dict(settings.severity) == {"unused-reference": "error"}
    # a claimlint.toml nearer the documents wins over the pyproject above it
    (sub / "claimlint.toml").write_text('select = ["CL2"]\n', encoding="utf-8")
    assert find_config(sub) == sub / "claimlint.toml"


def test_per_file_ignores_and_severity_override(tmp_path):
    (tmp_path / "claimlint.toml").write_text(
        '[per-file-ignores]\n"drafts/*.md" = ["CL101"]\n[severity]\nCL101 = "warning"\n',
        encoding="utf-8",
    )
    (tmp_path / "drafts").mkdir()
    body = DOC.replace("## References", UNCITED + "\n## References")
    (tmp_path / "drafts" / "a.md").write_text(body, encoding="utf-8")
    (tmp_path / "b.md").write_text(body, encoding="utf-8")
    settings = load_settings(tmp_path / "claimlint.toml")
    report = run([str(tmp_path)], settings)
    assert [(f.path.split("/")[-1], f.code, f.severity.value) for f in report.findings] == [
        ("b.md", "CL101", "warning")
    ]


def test_config_command_prints_resolved_settings(tmp_path, monkeypatch):
    (tmp_path / "claimlint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("config")
    data = json.loads(result.output)
    assert data["fail-on"] == "warning"
    assert data["config"].endswith("claimlint.toml")


def test_inline_suppressions():
    body = DOC.replace("## References", UNCITED + "\n## References")
    assert [f.code for f in lint_text(body)] == ["CL101"]
    next_line = body.replace(
        UNCITED, "<!-- claimlint-disable-next-line CL101 -- known -->\n" + UNCITED
    )
    assert lint_text(next_line) == []
    by_name = body.replace(
        UNCITED, "<!-- claimlint-disable-next-line uncited-claim -->\n" + UNCITED
    )
    assert lint_text(by_name) == []
    ranged = body.replace(
        UNCITED, "<!-- claimlint-disable CL1 -->\n" + UNCITED + "<!-- claimlint-enable CL1 -->\n"
    )
    assert lint_text(ranged) == []
    whole = "<!-- claimlint-disable-file CL101 -->\n" + body
    assert lint_text(whole) == []
    other_rule = body.replace(UNCITED, "<!-- claimlint-disable-next-line CL2 -->\n" + UNCITED)
    codes = sorted(f.code for f in lint_text(other_rule))
    assert codes == ["CL003", "CL101"]  # wrong code: nothing suppressed, and that is reported


def test_suppressions_in_answer_pages():
    page = (
        "How is pregabalin dosed?\n\nSite banner\n\nDosing\n\n"
        "Pregabalin 150-300 mg twice daily is the usual maintenance range 1\n"
        "<!-- claimlint-disable-next-line CL101 -->\n"
        "Gabapentin is an alternative when pregabalin is not tolerated.\n\n"
        "References\n\nGuideline\n\nPregabalin dosing guideline\n\nSome source, 2020\n"
    )
    assert lint_text(page, path="a.txt") == []
