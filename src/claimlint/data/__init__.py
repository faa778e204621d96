"""Where the shipped data lives: ``rules/`` and ``bib/`` at the top of the repository.

In a wheel they are installed as ``claimlint/data/rules`` and ``claimlint/data/bib``; in a
source checkout (or an editable install) they are read from the repository itself.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _HERE / name
    if installed.is_dir():
        return installed
    return _HERE.parents[2] / name  # src/claimlint/data -> repository root


def rules_dir() -> Path:
    """The folder holding drugs.toml, dose-limits.toml and the advice packs."""
    return _find("rules")


def bib_dir() -> Path:
    """The folder holding the bibliography the shipped data cites."""
    return _find("bib")
