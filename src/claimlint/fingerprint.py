"""Stable finding fingerprints: the same problem keeps its fingerprint when lines move.

A fingerprint hashes the path, the code, the normalized text the finding is about
(``Finding.context``; the message with its line numbers removed when there is no context) and
the occurrence index among findings sharing those three. Line and column never enter it, so
inserting a paragraph above a finding leaves its fingerprint unchanged, while a new problem
(other text, other rule or other file) gets a new one. Used by the gitlab and SARIF formats and
by baselines.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache
from pathlib import PurePath

FINGERPRINT_VERSION = 1
LENGTH = 32

# "line 12", "lines 3-5", "line 4, column 7", "on line 5 and 9" → digits removed
_LINE_WORDS = re.compile(r"\b(lines?|col(?:umn)?s?)(\s+\d+(?:\s*(?:[-–,]|and|to)\s*\d+)*)")
# "file.md:12" or "file.md:12:3" → "file.md:"
_PATH_POSITION = re.compile(r"(?<=[\w.]):\d+(?::\d+)?\b")


def normalize_text(text: str) -> str:
    """Whitespace collapsed to single spaces, case folded."""
    return " ".join(text.split()).casefold()


def strip_line_numbers(message: str) -> str:
    """The message without the line and column numbers it mentions."""
    message = _LINE_WORDS.sub(lambda m: m.group(1), message)
    return _PATH_POSITION.sub(":", message)


@lru_cache(maxsize=4096)
def normalize_path(path: str) -> str:
    """A POSIX spelling of the path without ``./`` (``a\\b.md`` stays as given on POSIX)."""
    if not path:
        return path
    return PurePath(path).as_posix()


def identity(finding) -> tuple[str, str, str]:
    """What makes two findings "the same problem": (path, code, normalized context)."""
    context = finding.context or strip_line_numbers(finding.message)
    return normalize_path(finding.path), finding.code, normalize_text(context)


def fingerprint(finding, occurrence: int = 0) -> str:
    """sha256 hex (first 32 characters) of path, code, normalized context and occurrence."""
    path, code, context = identity(finding)
    payload = "\0".join((f"v{FINGERPRINT_VERSION}", path, code, context, str(occurrence)))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:LENGTH]


def fingerprints(findings) -> list[str]:
    """Fingerprints in the findings' order; repeats of one identity count 0, 1, 2, …"""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for finding in findings:
        key = identity(finding)
        out.append(fingerprint(finding, seen[key]))
        seen[key] += 1
    return out
