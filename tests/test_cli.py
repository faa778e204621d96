"""The command line: exit codes, formats, discovery, located errors."""

import json
import subprocess
import sys

from click.testing import CliRunner

from claimlint.cli import main

CLEAN = (
    "# Naproxen\n\nNaproxen 500 mg twice daily is a first-line option [1].\n\n## References\n\n"
    "1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.\n"
)
UNCITED = CLEAN.replace(" [1].", ".")


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_clean_file_exits_zero(tmp_path):
    (tmp_path / "a.md").write_text(CLEAN, encoding="utf-8")
    result = invoke("check", str(tmp_path / "a.md"))
    assert result.exit_code == 0
    assert "All clear: 1 file checked" in result.output


def test_findings_exit_one_and_exit_zero_flag(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(UNCITED, encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert f"{path}:3:1: CL101 [error] claim has no citation" in result.output
    assert invoke("check", "--exit-zero", str(path)).exit_code == 0


def test_fail_on_warning(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(CLEAN + "2. Unused reference entry, 2020.\n", encoding="utf-8")
    assert invoke("check", str(path)).exit_code == 0  # CL202 is a warning
    assert invoke("check", "--fail-on", "warning", str(path)).exit_code == 1


def test_json_output_schema(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(UNCITED, encoding="utf-8")
    result = invoke("check", "--format", "json", str(path))
    data = json.loads(result.output)
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "findings": 2, "by_code": {"CL101": 1, "CL202": 1}}
    f = data["findings"][0]
    assert set(f) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "related",
    }
    assert (f["path"], f["line"], f["column"], f["code"]) == (str(path), 3, 1, "CL101")


def test_folder_discovery_and_undecodable_file(tmp_path):
    (tmp_path / "good.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    (tmp_path / "notes.py").write_text("x = 1\n", encoding="utf-8")
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'latin1.md'}:1:6: CL001 [error] file not valid UTF-8" in result.output
    assert "in 2 files" in result.output


def test_missing_path_is_usage_error(tmp_path):
    result = invoke("check", str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_unknown_config_key_exits_two_naming_file_and_key(tmp_path):
    (tmp_path / "claimlint.toml").write_text('select = ["CL1"]\nbogus = 1\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(CLEAN, encoding="utf-8")
    result = invoke("check", "--config", str(tmp_path / "claimlint.toml"), str(tmp_path / "a.md"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'claimlint.toml'}:2: bogus: unknown key 'bogus'" in result.output


def test_select_and_ignore(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(UNCITED, encoding="utf-8")
    assert invoke("check", "--ignore", "CL1", str(path)).exit_code == 0
    assert invoke("check", "--ignore", "uncited-claim", str(path)).exit_code == 0
    assert invoke("check", "--select", "CL2", str(path)).exit_code == 0
    assert invoke("check", "--select", "CL1", "--ignore", "CL10", str(path)).exit_code == 0
    assert invoke("check", "--ignore", "CL1", "--select", "CL101", str(path)).exit_code == 1


def test_rules_and_rule_commands():
    result = invoke("rules")
    assert "CL101" in result.output and "uncited-claim" in result.output
    result = invoke("rule", "CL101")
    assert "## What it does" in result.output
    assert invoke("rule", "CL999").exit_code == 2


def test_console_script_module_entry(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(CLEAN, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
