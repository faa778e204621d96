"""A run: discover files → read → parse → rules → suppressions → Report."""

from __future__ import annotations

import os
from collections.abc import Callable
from fnmatch import translate
from pathlib import Path

from claimlint.config import Settings
from claimlint.findings import Report, Severity

BIB_SUFFIXES = (".bib", ".bibtex")
PROGRESS_MIN = 200  # show progress on a terminal for runs over this many files
PARALLEL_MIN = 64  # below this many files a process pool costs more than it saves
CHUNK_MAX = 50  # files sent to a pool worker at a time


class UsageError(Exception):
    """Bad paths or options: exit code 2."""


def discover(paths: list[str], settings: Settings) -> tuple[list[str], list[str]]:
    """Expand folders into documents and .bib files; return (documents, bib files)."""
    excluded, included = _globs(settings.exclude), _globs(settings.include)
    docs: list[str] = []
    bibs: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for root, dirnames, filenames in os.walk(p, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not excluded(d))
                for name in sorted(filenames):
                    if not excluded(name) and included(name):
                        docs.append(os.path.join(root, name))
        elif p.suffix.lower() in BIB_SUFFIXES:
            bibs.append(given)
        elif p.exists() or p.is_symlink():
            docs.append(given)
        else:
            raise UsageError(f"{given}: no such file or directory")
    return docs, bibs


def _globs(patterns) -> Callable[[str], bool]:
    """One compiled test for "the name matches any of these globs" (as fnmatch does)."""
    import re

    if not patterns:
        return lambda name: False
    regex = re.compile("|".join(f"(?:{translate(os.path.normcase(g))})" for g in patterns))
    return lambda name: regex.match(os.path.normcase(name)) is not None


def run(
    paths: list[str],
    settings: Settings,
    debug: bool = False,
    keep_documents: bool = False,
    jobs: int | None = 1,
    use_cache: bool = False,
    progress: bool = False,
) -> Report:
    """Lint files and folders. ``jobs`` None means one worker per CPU."""
    from claimlint.worker import RunState, cached_result, check_bibliographies, lint_file

    docs, bibs = discover(paths, settings)
    state = RunState.build(settings, debug, keep_documents, use_cache)
    progress = progress and len(docs) > PROGRESS_MIN
    jobs = (os.cpu_count() or 1) if jobs is None else max(1, jobs)
    todo = docs
    found: dict[str, object] = {}
    if state.cache is not None and jobs > 1 and len(docs) >= PARALLEL_MIN:
        # Only the files the cache does not answer are worth a process pool.
        found = {p: r for p in docs if (r := cached_result(p, state)) is not None}
        todo = [p for p in docs if p not in found]
    if jobs > 1 and len(todo) >= PARALLEL_MIN and not debug:
        state.load_data()  # a broken pack stops the run here, not inside a worker
        linted = _parallel(todo, state, jobs, progress)
    else:
        linted = []
        for i, p in enumerate(todo, 1):
            linted.append(lint_file(p, state))
            if progress and i % 50 == 0:
                _progress(i, len(todo))
    by_path = {r.path: r for r in linted}
    results = [found.get(p) or by_path[p] for p in docs] if found else linted
    if progress:
        _progress(len(docs), len(docs), done=True)
    findings = [f for r in results for f in r.findings]
    used_bibs: dict[str, None] = {}
    for r in results:
        for b in r.bib_sources:
            if os.path.isfile(b):  # a missing one is reported in the document that names it
                used_bibs.setdefault(b, None)
    for b in bibs:
        used_bibs.setdefault(b, None)
    findings.extend(
        check_bibliographies(
            list(used_bibs), state.ctx, state.rules, debug, state.cache, state.hashes
        )
    )
    documents = [r.document for r in results if r.document is not None]
    return Report.build(findings, [*docs, *bibs], documents, state.ctx)


def _parallel(docs, state, jobs, progress):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from claimlint import worker

    # Small chunks (16 per worker, at most 50 files): the workers take them in turn, so they
    # finish within one chunk of each other; a chunk costs one round trip to a worker.
    size = max(8, min(CHUNK_MAX, len(docs) // (jobs * 16) or 1))
    chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
    results = []
    if multiprocessing.get_start_method() == "fork":
        # Forked workers inherit this process's state: rules, loaded data and the parser's
        # modules (imported here once) instead of building and importing them each. With the
        # result cache on, most files usually need no parser at all: it loads on first miss.
        if state.cache is None:
            worker.warm_up(state)
        worker.adopt_state(state)
        context, init, initargs = multiprocessing.get_context("fork"), None, ()
    else:
        context, init = None, worker.init_worker
        initargs = (state.settings, state.debug, state.keep_documents, state.cache is not None)
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=init, initargs=initargs
        ) as pool:
            for chunk_results in pool.map(worker.lint_chunk, chunks):
                results.extend(chunk_results)
                if progress:
                    _progress(len(results), len(docs))
    finally:
        worker.adopt_state(None)
    return results


def _progress(count: int, total: int, done: bool = False) -> None:
    import sys

    sys.stderr.write(f"\rclaimlint: {count}/{total} files" + ("\n" if done else ""))
    sys.stderr.flush()


def exit_code(report: Report, fail_on: str) -> int:
    from claimlint.engine import CRASH_CODE

    if any(f.code == CRASH_CODE for f in report.findings):
        return 2
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in report.findings) else 0


__all__ = ["UsageError", "discover", "exit_code", "run"]
