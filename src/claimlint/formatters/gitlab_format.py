"""GitLab Code Quality report: a JSON list of issues (``artifacts:reports:codequality``).

Fingerprints come from :mod:`claimlint.fingerprint`, so an issue keeps its identity when lines
move and GitLab's merge request widget shows only problems the branch introduced or fixed."""

from __future__ import annotations

import json
from pathlib import PurePath

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report, **_kwargs) -> str:
    from claimlint.fingerprint import fingerprints

    issues = [
        {
            "description": f"{f.code}: {f.message}",
            "check_name": f.code,
            "fingerprint": fp,
            "severity": SEVERITIES[f.severity.value],
            "location": {
                "path": PurePath(f.path).as_posix() if f.path else f.path,
                "lines": {"begin": max(f.line, 1)},
            },
        }
        for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
