"""The engine: run enabled rules over a document, stamp code/name/severity, apply suppressions."""

from __future__ import annotations

from dataclasses import dataclass

from claimlint.findings import Finding, Location, Severity, Violation
from claimlint.model import Document, Span
from claimlint.source import SourceText

CRASH_CODE, CRASH_NAME = "CL000", "rule-crashed"
UNUSED_CODE, UNUSED_NAME = "CL003", "unused-suppression"


def make_finding(
    path: str, src: SourceText, v: Violation, code: str, name: str, severity: Severity
) -> Finding:
    n = len(src.text)
    start = min(max(v.span.start, 0), n)
    end = min(max(v.span.end, start), n)
    line, col = src.position(start)
    end_line, end_col = src.position(end)
    related = []
    for r in v.related:
        rl, rc = src.position(min(max(r.span.start, 0), n))
        related.append(Location(path, rl, rc, r.message))
    return Finding(
        path,
        line,
        col,
        end_line,
        end_col,
        code,
        name,
        severity,
        v.message,
        tuple(related),
        context=" ".join(src.text[start : min(end, start + 400)].split())[:200],
    )


def check_document(doc: Document, ctx, active_rules, debug: bool = False) -> list[Finding]:
    """Findings of every active document rule, before suppressions."""
    findings: list[Finding] = []
    for active in active_rules:
        rule = active.rule
        try:
            for v in rule.check(doc, ctx, active.options):
                # a violation may carry its own severity (an advice pack entry's); the
                # user's configured severity for the rule still wins
                severity = active.severity
                if v.severity is not None and not active.severity_configured:
                    severity = Severity(v.severity)
                findings.append(
                    make_finding(doc.path, doc.source, v, rule.code, rule.name, severity)
                )
        except Exception as exc:
            if debug:
                raise
            findings.append(crash_finding(doc.path, rule, exc))
    return findings


def crash_finding(path: str, rule, exc: Exception) -> Finding:
    return Finding(
        path,
        1,
        1,
        1,
        1,
        CRASH_CODE,
        CRASH_NAME,
        Severity.ERROR,
        f"rule {rule.code} ({rule.name}) crashed on this file: {type(exc).__name__}: {exc}"
        " (run with --debug for the traceback)",
    )


# ---- suppressions -----------------------------------------------------------------------


@dataclass
class _Scope:
    codes: tuple[str, ...]
    first: int
    last: int
    suppression: object
    used: bool = False


def _names(codes, finding: Finding) -> bool:
    from claimlint.config import names_finding

    return not codes or any(names_finding(c, finding) for c in codes)


def apply_suppressions(doc: Document, findings: list[Finding], report_unused: bool = True):
    """Drop suppressed findings of the document itself; report suppressions that did nothing."""
    if not doc.suppressions:
        return findings
    src = doc.source
    scopes: list[_Scope] = []
    open_ranges: dict[tuple[str, ...], _Scope] = {}
    last_line = src.line_count
    for sup in doc.suppressions:
        line, _ = src.position(sup.span.start)
        end_line, _ = src.position(max(sup.span.end - 1, sup.span.start))
        if sup.action == "disable-file":
            scopes.append(_Scope(sup.codes, 1, last_line, sup))
        elif sup.action == "disable-line":
            scopes.append(_Scope(sup.codes, line, end_line, sup))
        elif sup.action == "disable-next-line":
            target = end_line + 1
            while target <= last_line and not src.line_text(target).strip():
                target += 1
            scopes.append(_Scope(sup.codes, target, target, sup))
        elif sup.action == "disable":
            scope = _Scope(sup.codes, line, last_line, sup)
            scopes.append(scope)
            open_ranges[sup.codes] = scope
        elif sup.action == "enable":
            scope = open_ranges.pop(sup.codes, None)
            if scope is None and not sup.codes:
                for s in open_ranges.values():
                    s.last = line
                open_ranges.clear()
            elif scope is not None:
                scope.last = line
    kept = []
    for f in findings:
        hit = False
        if f.path == doc.path and f.code != CRASH_CODE:
            for scope in scopes:
                if scope.first <= f.line <= scope.last and _names(scope.codes, f):
                    scope.used = True
                    hit = True
        if not hit:
            kept.append(f)
    if report_unused:
        from claimlint.rules import RULES_BY_CODE, RULES_BY_NAME

        def known(code: str) -> bool:
            return code in RULES_BY_NAME or any(c.startswith(code.upper()) for c in RULES_BY_CODE)

        for scope in scopes:
            # a suppression naming an unknown rule is reported by CL003's own check
            if not scope.used and all(known(c) for c in scope.suppression.codes):
                sup = scope.suppression
                what = ", ".join(sup.codes) or "all rules"
                v = Violation(
                    Span(sup.span.start, sup.span.end),
                    f"this claimlint-{sup.action} comment ({what}) suppresses nothing",
                )
                kept.append(
                    make_finding(doc.path, src, v, UNUSED_CODE, UNUSED_NAME, Severity.WARNING)
                )
    return kept
