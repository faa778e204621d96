"""Broken and hostile inputs through the command line.

For every input: the exit code, one clear line (file and line) about the problem, no
traceback, the other files of the same run still linted, and every input file left exactly as
it was (bytes and modification time). Fixtures that are awkward to create at test time as
plain files (binary, Latin-1, UTF-16, circular crossref, broken TOML) live in
``tests/fixtures/broken/``; links, folders, FIFOs and huge files are made in ``tmp_path``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helper import invoke

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"

# A document with one known finding, linted beside every broken input: its finding proves the
# run went on past the broken file.
OTHER = (
    "# Naproxen\n\n"
    "Naproxen 500 mg twice daily relieves acute low back pain.\n\n"
    "## References\n\n"
    "1. Noninvasive treatments for low back pain. Ann Intern Med. 2017.\n"
)
OTHER_FINDING = "other.md:3:1: CL101 [error] claim has no citation"


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under ``root``: (kind, bytes or link target, mtime_ns), links not followed."""
    out: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            if os.path.islink(path):
                out[path] = ("link", os.readlink(path), st.st_mtime_ns)
            elif os.path.isfile(path) and st.st_size < (1 << 20):
                out[path] = ("file", Path(path).read_bytes(), st.st_mtime_ns)
            else:
                out[path] = ("other", st.st_size, st.st_mtime_ns)
    return out


class Run:
    def __init__(self, result) -> None:
        self.code = result.exit_code
        self.out = result.stdout
        self.err = result.stderr
        self.exception = result.exception


@pytest.fixture
def ws(tmp_path, monkeypatch):
    """A workspace folder with other.md, as the current directory; checks on teardown that
    the run changed no file (an empty claimlint.toml stops the config search here)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "other.md").write_text(OTHER, encoding="utf-8")
    (tmp_path / "claimlint.toml").write_text("", encoding="utf-8")
    return tmp_path


def check(ws: Path, *args: str) -> Run:
    before = snapshot(ws)
    result = invoke("check", "--no-cache", *args, catch_exceptions=True)
    run = Run(result)
    assert isinstance(run.exception, SystemExit | None), repr(run.exception)
    assert "Traceback" not in run.out + run.err
    assert snapshot(ws) == before, "claimlint changed an input file"
    return run


def copy(ws: Path, name: str, as_name: str | None = None) -> str:
    shutil.copyfile(BROKEN / name, ws / (as_name or name))
    return as_name or name


def assert_one_error_line(run: Run, expected: str) -> None:
    """Exit 2, nothing on stdout, exactly one line on stderr, containing ``expected``."""
    assert run.code == 2, run.out + run.err
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("claimlint: error: "), lines[0]
    assert expected in lines[0], lines[0]


# ---- documents ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("binary.md", "binary.md:3:1: CL001 [error] file not text (binary data: contains NUL"),
        ("latin1.md", "latin1.md:3:21: CL001 [error] file not valid UTF-8 (byte 0xe9"),
        ("late-nul.md", "late-nul.md:11:9: CL001 [error] file not text (binary data"),
        ("utf16-bad.md", "utf16-bad.md:1:1: CL001 [error] file not valid UTF-16"),
    ],
)
def test_undecodable_document_is_a_located_finding_and_the_run_goes_on(ws, fixture, expected):
    name = copy(ws, fixture)
    run = check(ws, name, "other.md")
    assert run.code == 1
    assert expected in run.out
    assert OTHER_FINDING in run.out
    assert run.out.count(f"{name}:") == 1  # one finding for the file, not one per byte
    assert "in 2 files" in run.out


@pytest.mark.parametrize("fixture", ["utf16le-bom.md", "utf16be-bom.md", "utf8-bom.md"])
def test_documents_with_a_byte_order_mark_are_read(ws, fixture):
    name = copy(ws, fixture)
    run = check(ws, name, "other.md")
    assert run.code == 1
    # the uncited claim on line 3 proves the text was decoded and parsed, columns and all
    assert f"{name}:3:1: CL101 [error] claim has no citation" in run.out
    assert OTHER_FINDING in run.out


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n", b"---\n---\n"])
def test_empty_documents_are_clean(ws, content):
    (ws / "empty.md").write_bytes(content)
    run = check(ws, "empty.md", "other.md")
    assert run.code == 1
    assert "empty.md" not in run.out
    assert OTHER_FINDING in run.out
    assert "in 2 files" in run.out


def test_directory_named_like_a_document_is_a_folder(ws):
    (ws / "x.md").mkdir()
    (ws / "x.md" / "inner.md").write_text(OTHER, encoding="utf-8")
    run = check(ws, "x.md", "other.md")  # given explicitly
    assert run.code == 1
    assert f"{Path('x.md') / 'inner.md'}:3:1: CL101" in run.out
    assert OTHER_FINDING in run.out
    run = check(ws, ".")  # found inside a folder
    assert f"{Path('.') / 'x.md' / 'inner.md'}:3:1: CL101" in run.out
    assert f"{Path('.') / 'other.md'}:3:1: CL101" in run.out
    assert "CL001" not in run.out


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: chmod 000 does not stop root from reading the file",
)
def test_unreadable_document(ws):
    (ws / "locked.md").write_text(OTHER, encoding="utf-8")
    os.chmod(ws / "locked.md", 0)
    try:
        run = check(ws, "locked.md", "other.md")
    finally:
        os.chmod(ws / "locked.md", 0o644)
    assert run.code == 1
    assert "locked.md:1:1: CL001 [error] file cannot be read: Permission denied" in run.out
    assert OTHER_FINDING in run.out


def test_symlink_loop_and_dangling_symlink(ws):
    os.symlink("loop_b.md", ws / "loop_a.md")
    os.symlink("loop_a.md", ws / "loop_b.md")
    os.symlink("missing.md", ws / "dangling.md")
    run = check(ws, "loop_a.md", "dangling.md", "other.md")
    assert run.code == 1
    assert "loop_a.md:1:1: CL001 [error] file cannot be read: Too many levels of symbolic" in (
        run.out
    )
    assert "dangling.md:1:1: CL001 [error] file cannot be read: No such file" in run.out
    assert OTHER_FINDING in run.out
    run = check(ws, ".")  # the same files met while walking a folder
    assert run.out.count("CL001") == 3
    assert f"{Path('.') / 'other.md'}:3:1: CL101" in run.out


def test_document_over_fifty_megabytes_is_skipped_unread(ws):
    with open(ws / "huge.md", "wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written to disk
    run = check(ws, "huge.md", "other.md")
    assert run.code == 1
    assert "huge.md:1:1: CL001 [error] file is 51 MB; documents over 50 MB are skipped" in run.out
    assert OTHER_FINDING in run.out


def test_missing_document_is_a_usage_error(ws):
    run = check(ws, "nothere.md", "other.md")
    assert_one_error_line(run, "nothere.md: no such file or directory")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_named_like_a_document_does_not_hang_the_run(ws):
    os.mkfifo(ws / "pipe.md")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "claimlint", "check", "--no-cache", "pipe.md", "other.md"],
            cwd=ws,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("claimlint hung reading a FIFO")
    assert "pipe.md:1:1: CL001" in proc.stdout
    assert OTHER_FINDING in proc.stdout


def test_no_traceback_from_a_real_process(ws):
    """The in-process runner hides tracebacks; a real process shows what a user would see."""
    copy(ws, "binary.md")
    proc = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", "--no-cache", "binary.md", "other.md"],
        cwd=ws,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr == ""
    assert "binary.md:3:1: CL001" in proc.stdout
    assert OTHER_FINDING in proc.stdout


# ---- bibliographies -----------------------------------------------------------------------


def test_missing_bib_option_is_one_error_line(ws):
    run = check(ws, "--bib", "nope.bib", "other.md")
    assert_one_error_line(run, "nope.bib: bibliography file not found")


FRONT_MATTER_BIB = (
    "---\ntitle: Gabapentin\nbibliography: nope.bib\n---\n\n# Gabapentin\n\n"
    "Gabapentin is titrated to 900-3600 mg/day in three divided doses [@gabalabel].\n"
)


def test_missing_front_matter_bibliography_is_a_finding_and_the_run_goes_on(ws):
    (ws / "fm.md").write_text(FRONT_MATTER_BIB, encoding="utf-8")
    run = check(ws, "fm.md", "other.md")
    assert run.code == 1
    assert "fm.md:3:1: CL204 [error] bibliography nope.bib not found" in run.out
    assert OTHER_FINDING in run.out


def test_missing_front_matter_bibliography_is_located_in_the_document(ws):
    (ws / "fm.md").write_text(FRONT_MATTER_BIB, encoding="utf-8")
    run = check(ws, "fm.md", "other.md")
    located = [line for line in run.out.splitlines() if "nope.bib" in line]
    assert located
    assert all(line.startswith("fm.md:3:") for line in located), located


def test_circular_crossref_terminates(ws):
    bib = copy(ws, "circular-crossref.bib")
    (ws / "circ.md").write_text(
        "# Gabapentin\n\nGabapentin is titrated slowly over two weeks [@loopa; @loopb].\n\n"
        "Pregabalin is started at a low dose in older adults [@selfref].\n",
        encoding="utf-8",
    )
    run = check(ws, "--bib", bib, "circ.md", "other.md")
    assert run.code == 1
    # the cited keys are found although their crossref chains loop
    assert "circ.md" not in run.out
    # the entries still get their ordinary checks, each located at its own line
    assert f"{bib}:1:1: CL206 [warning] @article 'loopa' has no journal" in run.out
    assert f"{bib}:8:1: CL206 [warning] @article 'loopb' has no journal" in run.out
    assert f"{bib}:15:1: CL206 [warning] @article 'selfref' has no journal" in run.out
    assert OTHER_FINDING in run.out


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("latin1.bib", "latin1.bib:3:15: CL204 [error] not valid UTF-8 (byte 0xe9"),
        ("binary.bib", "binary.bib:1:1: CL204 [error] not text (binary data"),
        ("broken-csl.json", "broken-csl.json:2:1: CL204 [error] invalid JSON"),
    ],
)
def test_undecodable_bibliography_is_a_located_finding(ws, fixture, expected):
    name = copy(ws, fixture)
    run = check(ws, "--bib", name, "other.md")
    assert run.code == 1
    assert expected in run.out
    assert "CL101" in run.out  # other.md was linted with it


# ---- configuration and advice packs -------------------------------------------------------


def test_config_with_unknown_key_is_one_located_line(ws):
    copy(ws, "unknown-key.toml", "claimlint.toml")
    run = check(ws, "other.md")
    assert_one_error_line(run, "claimlint.toml:2: shout: unknown key 'shout'")


@pytest.mark.parametrize(
    ("fixture", "name"),
    [("syntax-error.toml", "claimlint.toml"), ("syntax-error-pyproject.toml", "pyproject.toml")],
)
def test_config_with_toml_syntax_error_names_file_and_line(ws, fixture, name):
    (ws / "claimlint.toml").unlink()
    copy(ws, fixture, name)
    run = check(ws, "other.md")
    assert_one_error_line(run, f"{name}:3: invalid TOML: ")


def test_config_toml_syntax_error_uses_the_file_line_form(ws):
    copy(ws, "syntax-error.toml", "claimlint.toml")
    run = check(ws, "other.md")
    assert "claimlint.toml:3: " in run.err


def test_explicit_config_that_is_missing_or_a_folder(ws):
    for target in ("nope.toml", "."):
        run = check(ws, "--config", target, "other.md")
        assert run.code == 2
        assert f"{target}: config file not found" in run.err
        assert "Traceback" not in run.err


def test_advice_pack_with_toml_error_is_one_located_line(ws):
    pytest.importorskip("claimlint.packs")
    copy(ws, "pack-syntax-error.toml", "pack.toml")
    (ws / "claimlint.toml").write_text('packs = ["pack.toml"]\n', encoding="utf-8")
    run = check(ws, "other.md")
    assert_one_error_line(run, "pack.toml:3: toml: invalid TOML: ")


def test_advice_pack_with_unknown_key_is_one_located_line(ws):
    pytest.importorskip("claimlint.packs")
    copy(ws, "pack-unknown-key.toml", "pack.toml")
    (ws / "claimlint.toml").write_text('packs = ["pack.toml"]\n', encoding="utf-8")
    run = check(ws, "other.md")
    assert_one_error_line(run, "pack.toml:11: advice.colour: unknown key")


def test_missing_advice_pack_points_at_the_config_line(ws):
    (ws / "claimlint.toml").write_text('\npacks = ["nope.toml"]\n', encoding="utf-8")
    run = check(ws, "other.md")
    assert run.code == 2
    assert "claimlint.toml:2:" in run.err
