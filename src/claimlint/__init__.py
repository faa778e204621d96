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
    from claimlint.config import Settings
    from claimlint.worker import RunState, check_bibliographies, lint_document_text

    settings = Settings(
        select=tuple(select), ignore=tuple(ignore), bibliography=tuple(bib), dialect=dialect
    )
    state = RunState.build(settings)
    state.load_data()
    findings, _doc = lint_document_text(path, text, state)
    files = {f.path: f for b in state.ctx.loaded_bibliographies() for f in b.files}
    findings.extend(check_bibliographies(list(files.values()), state.ctx, state.rules))
    return sorted(findings, key=lambda f: f.sort_key)


def lint_paths(paths, **settings_overrides):
    """Lint files and folders; returns a :class:`claimlint.findings.Report`."""
    from claimlint.config import Settings
    from claimlint.runner import run

    return run([str(p) for p in paths], Settings().with_overrides(**settings_overrides))
