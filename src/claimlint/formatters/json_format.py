"""Versioned JSON: ``{"version": 1, "findings": [...], "summary": {...}}`` (see README)."""

from __future__ import annotations

import json

SCHEMA_VERSION = 1


def render(report, **_kwargs) -> str:
    data = {
        "version": SCHEMA_VERSION,
        "findings": [f.to_dict() for f in report.findings],
        "summary": {
            "files": len(report.files),
            "findings": len(report.findings),
            "by_code": report.by_code,
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
