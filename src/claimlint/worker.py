"""Linting one file (in this process or a pool worker): read → cache → parse → rules."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field

from claimlint.cache import FileHashes, ResultCache, run_key
from claimlint.config import RuleSet, Settings, ignored_for_path, names_finding, resolve_rules
from claimlint.context import Context
from claimlint.engine import UNUSED_CODE, apply_suppressions, check_document, crash_finding
from claimlint.findings import Finding, Severity
from claimlint.source import DecodeError, decode

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...]
    document: object = None
    bib_sources: tuple[str, ...] = ()


@dataclass
class RunState:
    """Everything a worker needs, built once per process."""

    settings: Settings
    rules: RuleSet
    ctx: Context
    debug: bool = False
    keep_documents: bool = False
    cache: ResultCache | None = None
    hashes: FileHashes = field(default_factory=FileHashes)

    data_ready: bool = False

    def load_data(self) -> None:
        """Load the data the enabled rules need before the first document is parsed, so a
        malformed pack or table stops the run with its located error (exit 2) instead of
        surfacing inside a rule. Not called when every file comes from the cache."""
        if self.data_ready:
            return
        families = {a.rule.code[:3] for a in self.rules.document}
        if "CL3" in families:
            self.ctx.dose_limits  # noqa: B018
        if "CL4" in families:
            self.ctx.packs  # noqa: B018
        self.data_ready = True

    @classmethod
    def build(cls, settings: Settings, debug=False, keep_documents=False, use_cache=False):
        from claimlint.rules import ALL_RULES

        rules = resolve_rules(settings, ALL_RULES)
        ctx = Context(bib_paths=settings.bibliography, pack_paths=settings.packs)
        state = cls(settings, rules, ctx, debug, keep_documents)
        if use_cache and not keep_documents:
            state.cache = ResultCache(
                settings.cache_dir, run_key(settings, data_files(settings), state.hashes)
            )
        return state


def data_files(settings: Settings) -> list[str]:
    """Shipped and configured data plus claimlint's own code: a change to any is a cache miss."""
    from claimlint.data import rules_dir

    files = [str(p) for p in sorted(rules_dir().glob("*.toml"))]
    files.extend(settings.packs)
    here = os.path.dirname(os.path.abspath(__file__))
    for root, _dirs, names in os.walk(here):
        files.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(".py"))
    return files


def read_bytes(path: str) -> tuple[bytes | None, Finding | None]:
    from claimlint.rules.cl001_unreadable_file import unreadable

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return None, unreadable(path, "is a directory, not a document")
        if not stat.S_ISREG(info.st_mode):
            return None, unreadable(path, "is not a regular file (a pipe, socket or device)")
        size = info.st_size
        if size > MAX_FILE_BYTES:
            mb = size // (1024 * 1024)
            return None, unreadable(path, f"is {mb} MB; documents over 50 MB are skipped")
        with open(path, "rb") as fh:
            return fh.read(), None
    except OSError as exc:
        return None, unreadable(path, f"cannot be read: {exc.strerror or exc}")


def bib_sources_for(path: str, data: bytes, settings: Settings) -> tuple[str, ...]:
    """The bibliography files a document uses (settings, else its front matter)."""
    if settings.bibliography:
        return tuple(settings.bibliography)
    if not data.startswith(b"---"):
        return ()
    from claimlint.parse.blocks import front_matter_end
    from claimlint.parse.frontmatter import bibliography_paths, parse_front_matter

    text = data.decode("utf-8", errors="replace")
    end, closed = front_matter_end(text)
    if not end or not closed:
        return ()
    return bibliography_paths(parse_front_matter(text[text.find("\n") + 1 : end]), path)


def lint_file(path: str, state: RunState) -> FileResult:
    settings = state.settings
    data, problem = read_bytes(path)
    if problem is not None:
        return FileResult(path, (problem,) if _wants(problem, path, state) else ())
    bibs = bib_sources_for(path, data, settings)
    key, cached = _from_cache(path, data, bibs, state)
    if cached is not None:
        return cached
    state.load_data()
    findings, doc = _lint_bytes(path, data, state)
    findings.extend(_missing_bibliographies(path, data, bibs, state))
    if key is not None:
        state.cache.put(key, findings)
    return FileResult(path, tuple(findings), doc if state.keep_documents else None, bibs)


def cached_result(path: str, state: RunState) -> FileResult | None:
    """The file's result from the result cache, or None when it must be linted (no cache, a
    miss, or a file that cannot be read, which :func:`lint_file` reports)."""
    if state.cache is None:
        return None
    data, problem = read_bytes(path)
    if problem is not None:
        return None
    return _from_cache(path, data, bib_sources_for(path, data, state.settings), state)[1]


def _from_cache(path: str, data: bytes, bibs, state: RunState):
    """(the file's cache key, its cached result); (None, None) without a cache."""
    if state.cache is None:
        return None, None
    extra = ";".join(f"{b}={state.hashes.of(b)}" for b in bibs)
    key = state.cache.key(path, data, extra)
    cached = state.cache.get(key, path)
    return key, None if cached is None else FileResult(path, tuple(cached), None, bibs)


def _missing_bibliographies(path: str, data: bytes, bibs, state: RunState) -> list[Finding]:
    """A front-matter bibliography that does not exist, located at its line in the document
    (a missing ``--bib`` or configured bibliography is a usage error before the run)."""
    if state.settings.bibliography or not any(
        a.rule.code == "CL204" for a in state.rules.bibliography
    ):
        return []
    missing = [b for b in bibs if not os.path.isfile(b)]
    if not missing:
        return []
    from claimlint.engine import make_finding
    from claimlint.findings import Violation
    from claimlint.model import Span
    from claimlint.source import SourceText

    text = data.decode("utf-8", errors="replace")
    src = SourceText.from_text(text)
    found = [m for m in re.finditer(r"(?m)^bibliography[ \t]*:", text)][:1]
    span = Span(found[0].start(), found[0].end()) if found else Span(0, 0)
    rule = next(a for a in state.rules.bibliography if a.rule.code == "CL204")
    return [
        make_finding(
            path,
            src,
            Violation(span, f"bibliography {b} not found"),
            "CL204",
            rule.rule.name,
            rule.severity,
        )
        for b in missing
    ]


def _lint_bytes(path: str, data: bytes, state: RunState):
    from claimlint.rules.cl001_unreadable_file import unreadable

    try:
        text = decode(data)
    except DecodeError as exc:
        problem = unreadable(path, exc.message, exc.line, exc.column)
        return ([problem] if _wants(problem, path, state) else []), None
    return lint_document_text(path, text, state)


def lint_document_text(path: str, text: str, state: RunState):
    """Parse, rules, per-file ignores, suppressions: (findings, document or None)."""
    from claimlint.parse import parse_document

    settings = state.settings
    dialect = None if settings.dialect == "auto" else settings.dialect
    try:
        doc = parse_document(path, text, dialect, lexicon=state.ctx.lexicon)
    except Exception as exc:
        if state.debug:
            raise
        from claimlint.registry import Rule

        parser = Rule("CL000", "parser", "", Severity.ERROR, lambda *a: (), "")
        return [crash_finding(path, parser, exc)], None
    findings = check_document(doc, state.ctx, state.rules.document, debug=state.debug)
    per_file = ignored_for_path(path, settings)
    if per_file:
        findings = [f for f in findings if not any(names_finding(c, f) for c in per_file)]
    report_unused = any(a.rule.code == UNUSED_CODE for a in state.rules.document)
    return apply_suppressions(doc, findings, report_unused=report_unused), doc


def _wants(finding: Finding, path: str, state: RunState) -> bool:
    if finding.code not in {a.rule.code for a in state.rules.document}:
        return False
    return not any(names_finding(c, finding) for c in ignored_for_path(path, state.settings))


def check_bibliographies(
    bib_files,
    ctx: Context,
    rules: RuleSet,
    debug: bool = False,
    cache: ResultCache | None = None,
    hashes: FileHashes | None = None,
):
    """Bibliography-scoped rules, once per bibliography file used in the run."""
    from claimlint.engine import make_finding
    from claimlint.source import SourceText

    findings: list[Finding] = []
    if not rules.bibliography:
        return findings
    for bib in bib_files:
        key = None
        if cache is not None and isinstance(bib, str):
            key = cache.key(bib, (hashes or FileHashes()).of(bib).encode(), "bibliography")
            cached = cache.get(key, bib)
            if cached is not None:
                findings.extend(cached)
                continue
        from claimlint.bib import load_bib_file

        bib_file = load_bib_file(bib) if isinstance(bib, str) else bib
        src = bib_file.source or SourceText.from_text("")
        these: list[Finding] = []
        for active in rules.bibliography:
            rule = active.rule
            try:
                for v in rule.check(bib_file, ctx, active.options):
                    these.append(
                        make_finding(bib_file.path, src, v, rule.code, rule.name, active.severity)
                    )
            except Exception as exc:
                if debug:
                    raise
                these.append(crash_finding(bib_file.path, rule, exc))
        if key is not None:
            cache.put(key, these)
        findings.extend(these)
    return findings


# ---- process pool ------------------------------------------------------------------------

_STATE: RunState | None = None


def init_worker(settings: Settings, debug: bool, keep_documents: bool, use_cache: bool) -> None:
    from claimlint import codecache

    codecache.install()  # a spawned worker imports the parser's dataclasses afresh
    adopt_state(RunState.build(settings, debug, keep_documents, use_cache))


def adopt_state(state: RunState | None) -> None:
    """Make ``state`` the one :func:`lint_chunk` uses (set before forking, the workers share it)."""
    global _STATE
    _STATE = state


def warm_up(state: RunState) -> None:
    """Import the parser and load the lexicon now, once, so forked workers start with them."""
    import claimlint.parse.advice
    import claimlint.parse.doses  # noqa: F401

    state.ctx.lexicon  # noqa: B018


def lint_chunk(paths: list[str]) -> list[FileResult]:
    assert _STATE is not None
    return [lint_file(p, _STATE) for p in paths]
