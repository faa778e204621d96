"""The command line: exit codes, formats, discovery, located errors."""

import json
import subprocess
import sys

from cli_helper import invoke

CLEAN = (
    "# Naproxen\n\nNaproxen 500 mg twice daily is a first-line option [1].\n\n## References\n\n"
    "1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.\n"
)
UNCITED = CLEAN.replace(" [1].", ".")


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


# ---- the command line itself (argparse; it was click until the import cost mattered) --------

CHECK_OPTIONS = (
    "--format",
    "--report",
    "--select",
    "--extend-select",
    "--ignore",
    "--bib",
    "--config",
    "--dialect",
    "--fail-on",
    "--exit-zero",
    "--statistics",
    "--no-cache",
    "-j",
    "--jobs",
    "--baseline",
    "--write-baseline",
    "--debug",
    "-h",
    "--help",
)


def test_version():
    from claimlint import __version__

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"claimlint, version {__version__}\n"
    assert result.stderr == ""


def test_help_on_the_group():
    for flag in ("-h", "--help"):
        result = invoke(flag)
        assert result.exit_code == 0
        assert result.stderr == ""
        for word in ("check", "rules", "rule", "config", "--version", "-h, --help"):
            assert word in result.stdout, word


def test_help_on_the_subcommands():
    result = invoke("check", "-h")
    assert result.exit_code == 0
    assert result.stderr == ""
    for option in CHECK_OPTIONS:
        assert option in result.stdout, option
    for choice in ("text", "json", "sarif", "github", "gitlab", "junit", "FORMAT=PATH"):
        assert choice in result.stdout, choice
    assert "--config" in invoke("config", "--help").stdout
    assert "CODE" in invoke("rule", "-h").stdout
    assert invoke("rules", "-h").exit_code == 0


def test_no_command_shows_help_and_exits_two():
    result = invoke()
    assert result.exit_code == 2
    assert "check" in result.stderr and result.stdout == ""


def test_unknown_option_and_command_exit_two(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(CLEAN, encoding="utf-8")
    result = invoke("check", "--bogus", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--bogus" in result.stderr and "error" in result.stderr
    assert invoke("check", "--form", "json", str(path)).exit_code == 2  # no abbreviations
    result = invoke("bogus")
    assert result.exit_code == 2 and "bogus" in result.stderr


def test_bad_choice_and_bad_integer_exit_two(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(CLEAN, encoding="utf-8")
    for args, word in (
        (("--format", "xml"), "xml"),
        (("--fail-on", "fatal"), "fatal"),
        (("--dialect", "latex"), "latex"),
        (("-j", "two"), "two"),
    ):
        result = invoke("check", *args, str(path))
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert word in result.stderr and args[0] in result.stderr, result.stderr


def test_usage_errors_of_check(tmp_path):
    result = invoke("check")
    assert result.exit_code == 2
    assert "give at least one file or folder to check" in result.stderr
    path = tmp_path / "a.md"
    path.write_text(CLEAN, encoding="utf-8")
    for spec in ("json", "xml=out.xml", "json="):
        result = invoke("check", "--report", spec, str(path))
        assert result.exit_code == 2
        assert (
            "--report expects FORMAT=PATH with FORMAT in text, json, sarif, github, gitlab, "
            "junit, html" in result.stderr
        )
    result = invoke("rule")
    assert result.exit_code == 2 and "CODE" in result.stderr


def test_paths_before_and_after_options_and_short_jobs(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(UNCITED, encoding="utf-8")
    (tmp_path / "b.md").write_text(CLEAN, encoding="utf-8")
    a, b = str(tmp_path / "a.md"), str(tmp_path / "b.md")
    result = invoke("check", a, "--format", "json", "-j", "1", b)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["summary"]["files"] == 2
    assert invoke("check", "--format=json", "--jobs=1", "--", a).exit_code == 1
    # after "--" a name that looks like an option is a path, before it an unknown option
    (tmp_path / "-odd.md").write_text(UNCITED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in (
        ("--", "-odd.md"),
        ("b.md", "--", "-odd.md"),
        ("--format", "json", "--", "-odd.md"),
    ):
        result = invoke("check", *args)
        assert result.exit_code == 1, args
        assert "-odd.md" in result.stdout
    assert invoke("check", "-odd.md").exit_code == 2


def test_repeated_and_comma_separated_rule_options(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(UNCITED, encoding="utf-8")  # CL101 (error) and CL202 (warning)
    for args in (
        ("--ignore", "CL101", "--ignore", "CL202"),
        ("--ignore", "CL101,CL202"),
        ("--ignore", " CL101 , ,CL202"),
    ):
        result = invoke("check", "--fail-on", "warning", *args, str(path))
        assert result.exit_code == 0, args
    assert invoke("check", "--select", "CL2", "--select", "CL101", str(path)).exit_code == 1
    assert invoke("check", "--select", "CL2,CL3", str(path)).exit_code == 0


def test_output_gets_no_added_newline_and_escape_codes_are_stripped(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(UNCITED.replace("Naproxen 500", "Naproxen \x1b[31m500\x1b[0m"), "utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.endswith(" in 1 file.\n")  # the formatter's own final newline only
    assert "\x1b" not in result.stdout  # not a terminal: styles stripped, as click.echo did
    assert "Naproxen 500 mg" in result.stdout
