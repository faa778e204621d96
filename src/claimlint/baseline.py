"""Baselines: record today's findings, later report only the new ones.

A finding is matched by its fingerprint (path, code, the text it is about, occurrence; see
:mod:`claimlint.fingerprint`), never by line number, so inserting a paragraph above an old
finding does not bring it back while a new problem is still reported.
"""

from __future__ import annotations

import json

from claimlint.atomic import write_atomic
from claimlint.findings import Report
from claimlint.fingerprint import fingerprints

BASELINE_VERSION = 1


def write_baseline(path: str, report: Report) -> None:
    entries = {
        fp: {"path": f.path, "code": f.code, "line": f.line, "message": f.message}
        for fp, f in zip(fingerprints(report.findings), report.findings, strict=True)
    }
    data = {"version": BASELINE_VERSION, "tool": "claimlint", "findings": entries}
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(path, text)  # a baseline is committed and shared: normal permissions


def read_baseline(path: str) -> set[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise ValueError(f"{path}: baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}:{exc.lineno}: baseline is not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise ValueError(f"{path}: not a claimlint baseline (version {BASELINE_VERSION})")
    return set(data.get("findings", {}))


def filter_report(path: str, report: Report) -> Report:
    """The report without the findings recorded in the baseline."""
    known = read_baseline(path)
    kept = [
        f
        for fp, f in zip(fingerprints(report.findings), report.findings, strict=True)
        if fp not in known
    ]
    return Report.build(kept, report.files, report.documents, report.context)
