"""claimlint: a linter for clinical answer documents.

Public API: :func:`lint_text`, :func:`lint_paths`, :class:`Finding`. Heavy modules load lazily.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Finding", "__version__", "lint_paths", "lint_text"]


def __getattr__(name: str):
    if name == "Finding":
        from claimlint.findings import Finding

        return Finding
    raise AttributeError(name)


def lint_text(
    text: str, path: str = "document.md", select=(), ignore=(), bib=(), dialect: str = "auto"
) -> list:
    """Lint one document given as text; returns its findings (suppressions applied)."""
    from claimlint.config import Settings, resolve_rules
    from claimlint.context import Context
    from claimlint.engine import apply_suppressions, check_document
    from claimlint.parse import parse_document
    from claimlint.rules import ALL_RULES
    from claimlint.worker import check_bibliographies

    settings = Settings(
        select=tuple(select), ignore=tuple(ignore), bibliography=tuple(bib), dialect=dialect
    )
    rules = resolve_rules(settings, ALL_RULES)
    ctx = Context(bib_paths=settings.bibliography)
    doc = parse_document(path, text, None if dialect == "auto" else dialect, lexicon=ctx.lexicon)
    findings = check_document(doc, ctx, rules.document)
    findings = apply_suppressions(
        doc, findings, any(a.rule.code == "CL003" for a in rules.document)
    )
    files = {f.path: f for bib in ctx.loaded_bibliographies() for f in bib.files}
    findings.extend(check_bibliographies(list(files.values()), ctx, rules))
    return sorted(findings, key=lambda f: f.sort_key)


def lint_paths(paths, **settings_overrides):
    """Lint files and folders; returns a :class:`claimlint.findings.Report`."""
    from claimlint.config import Settings
    from claimlint.runner import run

    return run([str(p) for p in paths], Settings().with_overrides(**settings_overrides))
