"""The editor report in a real browser (headless Chromium): the DOM it builds, that a hostile
document cannot run script, and that a screenshot renders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from claimlint.config import Settings
from claimlint.formatters import render
from claimlint.runner import run
from conftest import EXAMPLES
from test_html_report import FIXTURES, Tree

pytestmark = pytest.mark.slow

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = """# Hostile page

<script>document.title = 'pwned by script'</script>
An uncited sentence with "><img src=x onerror="document.title='pwned by img'"> inside.
A [link](javascript:document.title='pwned by link') and </style><script>document.title='x'</script>.
"""


def chromium() -> str:
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    pytest.skip("headless Chromium not found (install the Debian package 'chromium')")


def browse(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def report_file(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES / "good", docs)
    shutil.copy(FIXTURES / "dose-conflict.md", docs)
    (docs / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    report = run([str(docs), str(EXAMPLES / "bad")], Settings(), keep_documents=True)
    page = tmp_path / "report.html"
    page.write_text(render("html", report), encoding="utf-8")
    return page, report


def test_dumped_dom_shows_every_finding_and_no_script_ran(tmp_path, report_file):
    page, report = report_file
    proc = browse(tmp_path, "--dump-dom", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = Tree(proc.stdout)
    assert len(report.findings) > 10
    assert len(dom.all(cls="finding")) == len(report.findings)
    (title,) = dom.all("head")[0].all("title")
    assert title.text == (
        f"claimlint editor report: {len(report.findings)} findings in {len(report.files)} files"
    )
    assert "pwned" not in title.text
    assert not dom.all("script") and not dom.all("img")
    assert "document.title = 'pwned by script'" in dom.root.text
    assert len(dom.all("section")) >= len(report.documents)


def test_screenshot_renders(tmp_path, report_file):
    page, _report = report_file
    shot = tmp_path / "report.png"
    proc = browse(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000
    # IHDR: width and height of the image
    assert int.from_bytes(data[16:20], "big") == 1280
    assert int.from_bytes(data[20:24], "big") == 2000
