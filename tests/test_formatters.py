"""The CI formats (sarif, github, gitlab, junit) and stable fingerprints.

Golden files live in tests/golden/; regenerate them with ``CLAIMLINT_UPDATE_GOLDEN=1 pytest
tests/test_formatters.py`` and review the diff by eye.
"""

import inspect
import json
import os
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimlint import lint_text
from claimlint.config import Settings
from claimlint.findings import Finding, Location, Report, Severity
from claimlint.fingerprint import fingerprint, fingerprints, strip_line_numbers
from claimlint.formatters import github_format, gitlab_format, junit_format, render, sarif_format
from claimlint.registry import Rule
from claimlint.rules import ALL_RULES
from claimlint.runner import run
from conftest import ROOT, SHARED, need

GOLDEN = ROOT / "tests" / "golden"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
CI_FORMATS = ("sarif", "github", "gitlab", "junit")
TRICKY = "50% of patients, at most: 4 g/day\nsee the label\r\nend"

FAKE_DOC = """Two mentions of one drug give different doses.

## What it does
Compares every dose of a drug across the document.

## Why is this bad?
A reader cannot tell which dose is meant.
"""
FAKE_RULES = (
    Rule("CL301", "inconsistent-dose", "Doses disagree", Severity.ERROR, lambda *a: (), FAKE_DOC),
    Rule("CL303", "ambiguous-dose", "Unit or frequency unclear", Severity.INFO, lambda *a: (), ""),
)


def finding(path, line, col, code="CL301", sev=Severity.ERROR, msg="m", context="", **kw):
    names = {"CL301": "inconsistent-dose", "CL303": "ambiguous-dose", "CL000": "rule-crashed"}
    return Finding(
        path,
        line,
        col,
        kw.get("end_line", line),
        kw.get("end_column", col + 1),
        code,
        names.get(code, "some-rule"),
        sev,
        msg,
        kw.get("related", ()),
        context=context,
    )


def hand_report() -> Report:
    """A report with unicode, related locations, escapes, a crash, a multi-line span, a clean
    file and a bibliography finding whose file is not among the linted files."""
    findings = [
        finding(
            "docs/ibuprofen answer.md",
            12,
            5,
            msg="ibuprofen is 400 mg three times daily here but 800 mg — “max” ≥ 2.4 g/day — in "
            "Dosing",
            context="Ibuprofen 400 mg three times daily",
            end_column=39,
            related=(
                Location("docs/ibuprofen answer.md", 30, 1, "stated here as 800 mg"),
                Location("docs/other.md", 2, 7, "and here"),
            ),
        ),
        finding(
            "docs/ibuprofen answer.md",
            14,
            1,
            code="CL303",
            sev=Severity.WARNING,
            msg=TRICKY,
            context="q6h   PRN",
            end_line=15,
            end_column=3,
        ),
        finding("docs/ibuprofen answer.md", 1, 1, code="CL000", msg="rule CL999 crashed <&>"),
        finding("refs/library.bib", 3, 1, code="CL303", sev=Severity.INFO, msg="note on line 3"),
    ]
    return Report.build(findings, ["docs/ibuprofen answer.md", "docs/clean.md"])


def empty_report() -> Report:
    return Report.build([], ["docs/clean.md"])


@pytest.fixture(scope="module")
def bad_report():
    """examples/bad and its bibliography files, linted with relative paths."""
    from claimlint import bib

    # bib.load_bib_file caches by resolved path and hands back the path spelling of the first
    # caller, so an earlier test that loaded these files by absolute path would leak it here.
    getattr(bib, "_FILE_CACHE", {}).clear()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        bibs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples/bad").glob("*.bib"))
        return run(["examples/bad", *bibs], Settings())
    finally:
        os.chdir(cwd)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("CLAIMLINT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} missing; run with CLAIMLINT_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs from the golden file"


def stable_sarif(text: str, keep_rule_text: bool = True) -> str:
    """SARIF without the version (changes at release) and, optionally, without rule prose,
    indented for reading."""
    assert text.count("\n") == 1 and text.endswith("\n")
    log = json.loads(text)
    driver = log["runs"][0]["tool"]["driver"]
    driver["version"] = driver["semanticVersion"] = "VERSION"
    if not keep_rule_text:
        keep = ("id", "name", "defaultConfiguration", "properties")
        driver["rules"] = [{k: r[k] for k in keep if k in r} for r in driver["rules"]]
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# ---- golden snapshots ---------------------------------------------------------------------


def readable(fmt: str, text: str) -> str:
    """Golden files show JSON indented (the formats print it compact) so diffs can be read."""
    if fmt == "gitlab":
        assert text.count("\n") == 1 and text.endswith("\n")
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    return text


@pytest.mark.parametrize("fmt", ["github", "gitlab", "junit"])
def test_golden_hand_report(fmt):
    check_golden(f"hand.{fmt}.txt", readable(fmt, render(fmt, hand_report())))


def test_golden_hand_report_sarif():
    check_golden("hand.sarif.json", stable_sarif(sarif_format.render(hand_report(), FAKE_RULES)))


@pytest.mark.parametrize("fmt", ["github", "gitlab", "junit"])
def test_golden_examples_bad(bad_report, fmt):
    check_golden(f"examples-bad.{fmt}.txt", readable(fmt, render(fmt, bad_report)))


def test_golden_examples_bad_sarif(bad_report):
    used = {f.code for f in bad_report.findings}
    rules = tuple(r for r in ALL_RULES if r.code in used)
    text = stable_sarif(sarif_format.render(bad_report, rules), keep_rule_text=False)
    check_golden("examples-bad.sarif.json", text)


# ---- SARIF ------------------------------------------------------------------------------


def validate_sarif(text: str) -> dict:
    from jsonschema import Draft4Validator

    schema = json.loads(need(SCHEMA).read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    log = json.loads(text)
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    return log


@pytest.mark.parametrize("make", [hand_report, empty_report])
def test_sarif_validates(make):
    log = validate_sarif(sarif_format.render(make()))
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    assert len(log["runs"][0]["results"]) == len(make().findings)


def test_sarif_of_examples_validates_with_registry_rules(bad_report):
    log = validate_sarif(render("sarif", bad_report, statistics=True))
    driver = log["runs"][0]["tool"]["driver"]
    from claimlint import __version__

    assert driver["name"] == "claimlint" and driver["version"] == __version__
    assert "informationUri" not in driver  # no real project URL yet
    ids = [r["id"] for r in driver["rules"]]
    assert ids[: len(ALL_RULES)] == [r.code for r in ALL_RULES]
    for rule, desc in zip(ALL_RULES, driver["rules"], strict=False):
        assert desc["name"] == rule.name
        assert desc["shortDescription"]["text"] == rule.summary
        assert desc["fullDescription"]["text"] == rule.doc_sections()["What it does"].strip()
        assert desc["help"]["text"] == desc["help"]["markdown"] == inspect.cleandoc(rule.doc)
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert desc["defaultConfiguration"]["level"] == level
        assert desc["properties"]["tags"] == [rule.family]
    results = log["runs"][0]["results"]
    assert len(results) == len(bad_report.findings) > 0
    for f, res in zip(bad_report.findings, results, strict=True):
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"] == f.code
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": f.path, "uriBaseId": "%SRCROOT%"}
        assert loc["region"]["startLine"] == f.line
        assert loc["region"]["startColumn"] == f.column
        assert loc["region"]["endLine"] == f.end_line
        assert loc["region"]["endColumn"] == f.end_column
        assert res["message"]["text"] == f.message


def test_sarif_related_locations_levels_and_unknown_codes():
    report = hand_report()
    log = json.loads(sarif_format.render(report, FAKE_RULES))
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["CL301", "CL303", "CL000"]
    assert driver["rules"][0]["fullDescription"]["text"] == (
        "Compares every dose of a drug across the document."
    )
    assert driver["rules"][1]["fullDescription"]["text"] == "Unit or frequency unclear"
    by_code = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert [r["level"] for r in log["runs"][0]["results"]] == ["error", "error", "warning", "note"]
    assert by_code["CL000"]["ruleIndex"] == 2
    dose = by_code["CL301"]
    assert dose["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "docs/ibuprofen%20answer.md"
    )
    related = dose["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert [r["message"]["text"] for r in related] == ["stated here as 800 mg", "and here"]
    assert related[1]["physicalLocation"]["artifactLocation"]["uri"] == "docs/other.md"
    assert related[0]["physicalLocation"]["region"] == {"startLine": 30, "startColumn": 1}
    assert "“max” ≥ 2.4 g/day" in dose["message"]["text"]
    fps = [r["partialFingerprints"]["claimlintFingerprint/v1"] for r in log["runs"][0]["results"]]
    assert fps == fingerprints(report.findings)


def test_sarif_absolute_path_becomes_file_uri(tmp_path):
    path = tmp_path / "a b#1.md"
    report = Report.build([finding(str(path), 2, 3)], [str(path)])
    log = validate_sarif(sarif_format.render(report))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uriBaseId" not in uri
    parts = urlsplit(uri["uri"])
    assert parts.scheme == "file" and unquote(parts.path) == path.as_posix()


# ---- github -----------------------------------------------------------------------------


def unescape(value: str, prop: bool) -> str:
    """What the Actions runner does with an escaped value (``%25`` last)."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in [*pairs, ("%25", "%")]:
        value = value.replace(code, char)
    return value


def test_github_one_escaped_line_per_finding():
    report = hand_report()
    lines = github_format.render(report).splitlines()
    assert len(lines) == len(report.findings)
    assert lines[0] == (
        "::error file=docs/ibuprofen answer.md,line=1,col=1,endLine=1,endColumn=2,"
        "title=CL000 (rule-crashed)::rule CL999 crashed <&>"
    )
    tricky = lines[2]
    assert tricky.startswith("::warning file=docs/ibuprofen answer.md,line=14,endLine=15,title=")
    assert "col=" not in tricky  # columns are not allowed on multi-line annotations
    assert tricky.endswith("::50%25 of patients, at most: 4 g/day%0Asee the label%0D%0Aend")
    assert lines[3].startswith("::notice file=refs/library.bib,line=3,col=1,")


def test_github_empty_report_prints_nothing():
    assert github_format.render(empty_report()) == ""


@given(st.text())
def test_github_escaping_round_trips(text):
    data = github_format.escape_data(text)
    prop = github_format.escape_property(text)
    assert "\n" not in data and "\r" not in data
    assert not set(prop) & {"\n", "\r", ",", ":"}
    assert unescape(data, prop=False) == text
    assert unescape(prop, prop=True) == text


def test_github_title_and_path_properties_are_escaped():
    f = finding("a,b:c.md", 1, 1, msg="x")
    assert github_format.command(f).startswith("::error file=a%2Cb%3Ac.md,line=1,")


# ---- gitlab -----------------------------------------------------------------------------


def test_gitlab_issues(bad_report):
    issues = json.loads(gitlab_format.render(bad_report))
    assert len(issues) == len(bad_report.findings)
    severity = {"error": "major", "warning": "minor", "info": "info"}
    for f, issue in zip(bad_report.findings, issues, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == f.code
        assert f.message in issue["description"]
        assert issue["severity"] == severity[f.severity.value]
        assert issue["location"] == {"path": f.path, "lines": {"begin": f.line}}
    fps = [i["fingerprint"] for i in issues]
    assert len(set(fps)) == len(fps)
    assert all(len(fp) == 32 and int(fp, 16) >= 0 for fp in fps)
    assert json.loads(gitlab_format.render(empty_report())) == []


# ---- junit ------------------------------------------------------------------------------


def test_junit_counts_and_failures():
    report = hand_report()
    root = ET.fromstring(junit_format.render(report))
    suite = root.find("testsuite")
    assert suite.get("name") == "claimlint"
    cases = suite.findall("testcase")
    # the two linted files, then the bibliography that only appears in findings
    assert [c.get("classname") for c in cases] == [
        "docs/ibuprofen answer.md",
        "docs/clean.md",
        "refs/library.bib",
    ]
    assert [len(c.findall("failure")) for c in cases] == [3, 0, 1]
    for el in (root, suite):
        assert (el.get("tests"), el.get("failures"), el.get("errors")) == ("3", "2", "0")
    assert suite.find("properties/property[@name='findings']").get("value") == "4"
    fail = cases[0].findall("failure")[2]
    assert fail.get("type") == "CL303"
    assert fail.get("message") == f"CL303 {TRICKY}"  # attributes keep \r as &#13;
    first = cases[0].find("failure")
    assert first.get("message") == "CL000 rule CL999 crashed <&>"
    assert first.text == "docs/ibuprofen answer.md:1:1: CL000 rule CL999 crashed <&>"


def test_junit_of_examples(bad_report):
    suite = ET.fromstring(render("junit", bad_report)).find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == len(bad_report.files)
    assert sum(len(c.findall("failure")) for c in cases) == len(bad_report.findings)
    failing = {f.path for f in bad_report.findings}
    assert suite.get("failures") == str(len(failing))


def test_junit_empty_report_has_passing_testcase():
    root = ET.fromstring(junit_format.render(empty_report()))
    assert root.get("tests") == "1" and root.get("failures") == "0"
    assert root.find("testsuite/testcase").findall("failure") == []


@given(st.text())
def test_junit_escapes_any_message(text):
    report = Report.build([finding("a.md", 1, 1, msg=text)], ["a.md"])
    fail = ET.fromstring(junit_format.render(report)).find("testsuite/testcase/failure")
    assert fail.get("type") == "CL301"
    assert fail.get("message") == junit_format.xml_text(f"CL301 {text}")
    lines = junit_format.xml_text(text).replace("\r\n", "\n").replace("\r", "\n")
    assert fail.text == f"a.md:1:1: CL301 {lines}"


# ---- dispatch ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_formats_are_pure_and_accept_cli_kwargs(fmt):
    report = hand_report()
    first = render(fmt, report, statistics=True)
    assert first == render(fmt, report, statistics=False)
    assert first.endswith("\n") or first == ""


# ---- fingerprints -----------------------------------------------------------------------

DOC = """# Duloxetine for chronic pain

Duloxetine 60 mg once daily is used for diabetic neuropathic pain [1]. Nausea is the most
common reason people stop taking it.

Start at 30 mg for a week to reduce nausea [1].

## References

1. Duloxetine prescribing information. U.S. prescribing information. 2020.
2. A review of serotonin-noradrenaline reuptake inhibitors. 2018.
"""
INSERTED = "Duloxetine is a serotonin-noradrenaline reuptake inhibitor [1].\n\n"
NEW_CLAIM = "It should be tapered over two weeks when stopped.\n\n## References"


def test_fingerprint_ignores_position_but_not_content():
    a = finding("a.md", 3, 1, context="Nausea is  common.")
    moved = finding("./a.md", 40, 9, end_line=41, context="nausea is common.")
    assert fingerprint(a, 0) == fingerprint(moved, 0)
    assert fingerprint(a, 0) != fingerprint(a, 1)
    assert fingerprint(a, 0) != fingerprint(finding("b.md", 3, 1, context="Nausea is common."), 0)
    assert fingerprint(a, 0) != fingerprint(
        finding("a.md", 3, 1, "CL303", context="Nausea is common."), 0
    )
    assert fingerprint(a, 0) != fingerprint(finding("a.md", 3, 1, context="Vomiting is common"), 0)
    assert len(fingerprint(a, 0)) == 32


def test_fingerprint_falls_back_to_message_without_line_numbers():
    early = finding("a.md", 5, 1, msg="code fence opened on line 5 is never closed")
    late = finding("a.md", 9, 1, msg="code fence opened on line 9 is never closed")
    other = finding("a.md", 9, 1, msg="comment opened on line 9 is never closed")
    assert fingerprint(early) == fingerprint(late) != fingerprint(other)
    assert strip_line_numbers("see lines 3-5 and a.md:12:4, dose 40 mg") == (
        "see lines and a.md:, dose 40 mg"
    )


def test_fingerprints_number_repeated_problems():
    same = [finding("a.md", n, 1, context="[9]") for n in (2, 7, 11)]
    fps = fingerprints(same)
    assert len(set(fps)) == 3
    assert fps == [fingerprint(f, i) for i, f in enumerate(same)]


def test_fingerprints_survive_an_inserted_paragraph_and_flag_a_new_claim():
    before = lint_text(DOC)
    assert {f.code for f in before} >= {"CL101", "CL202"}
    shifted_text = DOC.replace("Start at", INSERTED + "Start at").replace(
        "# Duloxetine for chronic pain\n", "# Duloxetine for chronic pain\n\n" + INSERTED
    )
    shifted = lint_text(shifted_text)
    assert [f.line for f in shifted] != [f.line for f in before]  # really shifted
    assert fingerprints(shifted) == fingerprints(before)
    grown = lint_text(shifted_text.replace("## References", NEW_CLAIM))
    new = set(fingerprints(grown)) - set(fingerprints(before))
    assert len(new) == 1
    assert set(fingerprints(before)) <= set(fingerprints(grown))
    (added,) = [f for f, fp in zip(grown, fingerprints(grown), strict=True) if fp in new]
    assert added.code == "CL101" and "tapered" in added.message
    gitlab = {i["fingerprint"] for i in json.loads(gitlab_format.render(Report.build(grown, [])))}
    assert gitlab == set(fingerprints(grown))
