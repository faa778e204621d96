"""SARIF 2.1.0 (for GitHub code scanning and other SARIF viewers): one run, rules from the
registry, one result per finding with related locations and stable partial fingerprints."""

from __future__ import annotations

import inspect
import json
import os
from functools import lru_cache
from pathlib import PurePath
from urllib.parse import quote

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "claimlintFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Codes the engine produces without a registered rule module.
_ENGINE_RULES = {
    "CL000": ("rule-crashed", "A rule or the parser crashed on a file (a claimlint bug)."),
}


def render(report, rules=None, **_kwargs) -> str:
    """The report as a SARIF log. ``rules`` defaults to the registry's ALL_RULES."""
    from claimlint import __version__
    from claimlint.fingerprint import fingerprints

    if rules is None:
        from claimlint.rules import ALL_RULES as rules
    descriptors = [_rule_descriptor(rule) for rule in rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    for f in report.findings:  # codes outside the registry still need a descriptor
        if f.code not in index:
            index[f.code] = len(descriptors)
            descriptors.append(_extra_descriptor(f))
    results = [
        _result(f, index[f.code], fp)
        for f, fp in zip(report.findings, fingerprints(report.findings), strict=True)
    ]
    driver = {
        "name": "claimlint",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": descriptors,
    }
    log = {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
        ],
    }
    # compact: the C encoder is ~20x faster than indenting (a large corpus has many results)
    return json.dumps(log, ensure_ascii=False, separators=(",", ":")) + "\n"


def _rule_descriptor(rule) -> dict:
    doc = inspect.cleandoc(rule.doc or "") or rule.summary
    what = rule.doc_sections().get("What it does", "").strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": what or rule.summary or rule.name},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"tags": [rule.family] if rule.family else []},
    }


def _extra_descriptor(finding) -> dict:
    name, summary = _ENGINE_RULES.get(finding.code, (finding.name, finding.name))
    return {
        "id": finding.code,
        "name": name,
        "shortDescription": {"text": summary},
        "defaultConfiguration": {"level": LEVELS[finding.severity.value]},
    }


def _result(f, rule_index: int, fp: str) -> dict:
    result = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity.value],
        "message": {"text": f.message},
        "locations": [
            _location(f.path, f.line, f.column, f.end_line, f.end_column),
        ],
    }
    if f.related:
        result["relatedLocations"] = [
            {**_location(r.path, r.line, r.column), "id": i, "message": {"text": r.message}}
            for i, r in enumerate(f.related, start=1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fp}
    return result


def _location(path: str, line: int, column: int, end_line: int = 0, end_column: int = 0) -> dict:
    physical: dict = {"artifactLocation": artifact_location(path)}
    if line >= 1:
        region = {"startLine": line}
        if column >= 1:
            region["startColumn"] = column
        if end_line >= line:
            region["endLine"] = end_line
            if end_column >= 1 and (end_line > line or end_column >= column):
                region["endColumn"] = end_column
        physical["region"] = region
    return {"physicalLocation": physical}


def artifact_location(path: str) -> dict:
    """A relative path becomes a relative URI under %SRCROOT%; an absolute one a file: URI."""
    uri, relative = _uri(path)
    return {"uri": uri, "uriBaseId": "%SRCROOT%"} if relative else {"uri": uri}


@lru_cache(maxsize=4096)
def _uri(path: str) -> tuple[str, bool]:
    if os.path.isabs(path):
        return PurePath(path).as_uri(), False
    posix = PurePath(path).as_posix() if path else ""
    return quote(posix, safe="/!$&'()*+,;=@-._~"), True
