"""GitLab Code Quality report: a JSON list of issues (``artifacts:reports:codequality``).

Fingerprints come from :mod:`claimlint.fingerprint`, so an issue keeps its identity when lines
move and GitLab's merge request widget shows only problems the branch introduced or fixed."""

from __future__ import annotations

import json

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report, **_kwargs) -> str:
    from claimlint.fingerprint import fingerprints, normalize_path

    issues = [
        {
            "description": f"{f.code}: {f.message}",
            "check_name": f.code,
            "fingerprint": fp,
            "severity": SEVERITIES[f.severity.value],
            "location": {
                "path": normalize_path(f.path),
                "lines": {"begin": max(f.line, 1)},
            },
        }
        for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)
    ]
    # compact: the C encoder is ~20x faster than indenting, and a large corpus has many issues
    return json.dumps(issues, ensure_ascii=False, separators=(",", ":")) + "\n"
