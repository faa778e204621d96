"""A run: discover files → read → parse → rules → suppressions → Report."""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from claimlint.config import RuleSet, Settings, ignored_for_path, is_enabled, resolve_rules
from claimlint.context import Context
from claimlint.engine import UNUSED_CODE, apply_suppressions, check_document, crash_finding
from claimlint.findings import Finding, Report, Severity
from claimlint.source import DecodeError, decode

BIB_SUFFIXES = (".bib", ".bibtex")
MAX_FILE_BYTES = 50 * 1024 * 1024


class UsageError(Exception):
    """Bad paths or options: exit code 2."""


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...]
    document: object = None


def discover(paths: list[str], settings: Settings) -> tuple[list[str], list[str]]:
    """Expand folders into documents and .bib files; return (documents, bib files)."""
    docs: list[str] = []
    bibs: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for root, dirnames, filenames in os.walk(p, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not _excluded(d, settings))
                for name in sorted(filenames):
                    full = os.path.join(root, name)
                    if _excluded(name, settings):
                        continue
                    if any(fnmatch(name, g) for g in settings.include):
                        docs.append(full)
        elif p.suffix.lower() in BIB_SUFFIXES:
            bibs.append(given)
        elif p.exists() or p.is_symlink():
            docs.append(given)
        else:
            raise UsageError(f"{given}: no such file or directory")
    return docs, bibs


def _excluded(name: str, settings: Settings) -> bool:
    return any(fnmatch(name, g) for g in settings.exclude)


def read_document(path: str) -> tuple[str | None, Finding | None]:
    """The text of a file, or a CL001 finding saying why it cannot be read."""
    from claimlint.rules.cl001_unreadable_file import unreadable

    try:
        if os.path.isdir(path):
            return None, unreadable(path, "is a directory, not a document")
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            return None, unreadable(
                path, f"is {size // (1024 * 1024)} MB; documents over 50 MB are skipped"
            )
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return None, unreadable(path, f"cannot be read: {exc.strerror or exc}")
    try:
        return decode(data), None
    except DecodeError as exc:
        return None, unreadable(path, exc.message, exc.line, exc.column)


def lint_file(
    path: str,
    settings: Settings,
    ctx: Context,
    rules: RuleSet,
    debug: bool = False,
    keep_document: bool = False,
) -> FileResult:
    from claimlint.parse import parse_document

    text, problem = read_document(path)
    if problem is not None:
        return FileResult(path, (problem,) if _wants(problem, path, settings, rules) else ())
    dialect = None if settings.dialect == "auto" else settings.dialect
    try:
        doc = parse_document(path, text, dialect, lexicon=ctx.lexicon)
    except Exception as exc:
        if debug:
            raise
        from claimlint.registry import Rule

        parser = Rule("CL000", "parser", "", Severity.ERROR, lambda *a: (), "")
        return FileResult(path, (crash_finding(path, parser, exc),))
    findings = check_document(doc, ctx, rules.document, debug=debug)
    per_file = ignored_for_path(path, settings)
    if per_file:
        findings = [f for f in findings if not any(_code_matches(c, f) for c in per_file)]
    report_unused = any(a.rule.code == UNUSED_CODE for a in rules.document)
    findings = apply_suppressions(doc, findings, report_unused=report_unused)
    return FileResult(path, tuple(findings), doc if keep_document else None)


def _code_matches(selector: str, f: Finding) -> bool:
    return selector == f.name or f.code.startswith(selector.upper())


def _wants(finding: Finding, path: str, settings: Settings, rules: RuleSet) -> bool:
    enabled = {a.rule.code for a in rules.document}
    if finding.code not in enabled:
        return False
    return not any(_code_matches(c, finding) for c in ignored_for_path(path, settings))


def check_bibliographies(
    bib_files, ctx: Context, rules: RuleSet, debug: bool = False
) -> list[Finding]:
    """Bibliography-scoped rules, once per bibliography file used in the run."""
    from claimlint.bib import load_bib_file
    from claimlint.engine import make_finding
    from claimlint.source import SourceText

    findings: list[Finding] = []
    for bib in bib_files:
        bib_file = load_bib_file(bib) if isinstance(bib, str) else bib
        src = bib_file.source or SourceText.from_text("")
        for active in rules.bibliography:
            rule = active.rule
            try:
                for v in rule.check(bib_file, ctx, active.options):
                    findings.append(
                        make_finding(bib_file.path, src, v, rule.code, rule.name, active.severity)
                    )
            except Exception as exc:
                if debug:
                    raise
                findings.append(crash_finding(bib_file.path, active.rule, exc))
    return findings


def run(
    paths: list[str],
    settings: Settings,
    debug: bool = False,
    keep_documents: bool = False,
    jobs: int = 1,
    use_cache: bool = False,
) -> Report:
    from claimlint.rules import ALL_RULES

    rules = resolve_rules(settings, ALL_RULES)
    docs, bibs = discover(paths, settings)
    ctx = Context(bib_paths=settings.bibliography, pack_paths=settings.packs)
    results = [lint_file(p, settings, ctx, rules, debug, keep_documents) for p in docs]
    findings = [f for r in results for f in r.findings]
    used_bibs: dict[str, object] = {}
    for bib in ctx.loaded_bibliographies():
        for f in bib.files:
            used_bibs.setdefault(f.path, f)
    for b in bibs:
        used_bibs.setdefault(b, b)
    findings.extend(check_bibliographies(list(used_bibs.values()), ctx, rules, debug))
    documents = [r.document for r in results if r.document is not None]
    return Report.build(findings, [*docs, *bibs], documents, ctx)


def exit_code(report: Report, fail_on: str) -> int:
    from claimlint.engine import CRASH_CODE

    if any(f.code == CRASH_CODE for f in report.findings):
        return 2
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in report.findings) else 0


__all__ = ["UsageError", "discover", "exit_code", "is_enabled", "lint_file", "run"]
