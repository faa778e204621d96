"""The process pool: forked workers share the parent's prepared state; with another start
method each worker builds its own. Either way the output equals a one-process run."""

import multiprocessing

from claimlint import worker
from claimlint.config import Settings
from claimlint.runner import run

DOC = """# Naproxen

Naproxen 250-500 mg twice daily is a usual dose [1].
{extra}
Do not combine naproxen with ibuprofen [1].

## References

1. Naproxen prescribing information. U.S. prescribing information. 2021.
"""


def _corpus(tmp_path, n=70):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(n):
        extra = "Ibuprofen may be added for breakthrough pain.\n" if i % 5 == 0 else ""
        (folder / f"d{i:03}.md").write_text(DOC.format(extra=extra), encoding="utf-8")
    return folder


def _rows(report):
    return [(f.path, f.line, f.column, f.code, f.message) for f in report.findings]


def test_fork_and_other_start_methods_agree_with_one_process(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    one = _rows(run([str(folder)], Settings(), jobs=1))
    assert one, "the corpus should produce findings"
    forked = _rows(run([str(folder)], Settings(), jobs=2))
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *a, **k: "spawn")
    built = _rows(run([str(folder)], Settings(), jobs=2))
    assert forked == one and built == one


def test_the_shared_state_is_released_after_the_run(tmp_path):
    run([str(_corpus(tmp_path))], Settings(), jobs=2)
    assert worker._STATE is None


def test_with_the_cache_only_misses_go_to_the_pool(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    cold = _rows(run([str(folder)], settings, jobs=2, use_cache=True))
    assert cold == _rows(run([str(folder)], Settings(), jobs=1))
    changed = sorted(folder.glob("*.md"))[:3]
    for doc in changed:  # three files now lack their citation: new findings, cache misses
        doc.write_text(DOC.format(extra="").replace(" [1].\n", ".\n", 1), encoding="utf-8")
    linted = []
    real = worker.lint_file
    monkeypatch.setattr(worker, "lint_file", lambda p, s: linted.append(p) or real(p, s))
    warm = _rows(run([str(folder)], settings, jobs=2, use_cache=True))
    assert sorted(linted) == sorted(str(p) for p in changed)  # in this process: no pool
    assert warm == _rows(run([str(folder)], Settings(), jobs=1))
    assert warm != cold


def test_documents_kept_for_the_report_arrive_from_workers_with_their_advice(tmp_path):
    folder = _corpus(tmp_path)
    one = run([str(folder)], Settings(), jobs=1, keep_documents=True)
    two = run([str(folder)], Settings(), jobs=2, keep_documents=True)
    assert len(two.documents) == len(one.documents) == 70
    for a, b in zip(one.documents, two.documents, strict=True):
        assert b.analyzer is None  # pickled without the lexicon
        assert a.path == b.path and a.advice == b.advice and a.dose_mentions == b.dose_mentions
    assert any(st.kind.value == "prohibit" for d in two.documents for st in d.advice)
