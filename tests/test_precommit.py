"""The pre-commit hook, used the way a team would: from a git repository, on staged files."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

DOC = """# Naproxen

Naproxen 500 mg twice daily is a first-line option for acute low back pain [1].
{extra}
## References

1. Noninvasive treatments for acute, subacute, and chronic low back pain. Ann Intern Med. 2017.
"""


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(exe).exists():
        pytest.skip("pre-commit is not installed (pip install '.[dev]')")
    return [exe]


def _git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


@pytest.mark.slow
def test_hook_fails_on_uncited_claim_then_passes(tmp_path):
    pre_commit = _pre_commit()
    if not (ROOT / ".git").exists():
        pytest.skip("the repository is not a git checkout")
    repo = tmp_path / "content"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "ci@example.invalid")
    _git(repo, "config", "user.name", "CI")
    doc = repo / "answer.md"
    doc.write_text(
        DOC.format(extra="\nIbuprofen is an alternative for most adults.\n"), encoding="utf-8"
    )
    _git(repo, "add", "answer.md")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def try_repo():
        return subprocess.run(
            [*pre_commit, "try-repo", str(ROOT), "claimlint", "--verbose"],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "answer.md:5:1: CL101 [error] claim has no citation" in failed.stdout

    doc.write_text(
        DOC.format(extra="\nIbuprofen is an alternative for most adults [1].\n"), encoding="utf-8"
    )
    _git(repo, "add", "answer.md")
    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    _git(repo, "commit", "-q", "-m", "cited")
