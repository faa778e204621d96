from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The cross-run regex cache (claimlint.recache) of this test session, and of the claimlint
# processes it starts, goes to a private folder rather than the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="claimlint-test-cache-")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_9d0893084c627329.txt"
EXAMPLES = ROOT / "examples"


def need(path: Path) -> Path:
    """Skip the test cleanly when ../shared material is not beside the repository."""
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is not beside the repository)")
    return path


@pytest.fixture
def seed_text() -> str:
    return need(SEED).read_text(encoding="utf-8")


def codes_at(findings) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]
