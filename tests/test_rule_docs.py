"""Every rule's docstring Example must trigger the rule; every Use instead must not."""

from pathlib import Path

import pytest

from claimlint import lint_text
from claimlint.registry import example_blocks
from claimlint.rules import ALL_RULES
from claimlint.worker import check_bibliographies

CHECKABLE = [r for r in ALL_RULES if r.scope != "file"]


def _run(rule, section: str, tmp_path: Path):
    blocks = list(example_blocks(rule.doc_sections()[section]))
    assert blocks, f"{rule.code} {section} has no code block"
    docs = [(lang, b) for lang, b in blocks if lang != "bib"]
    bibs = [b for lang, b in blocks if lang == "bib"]
    findings = []
    if bibs:
        (tmp_path / "refs.bib").write_text(bibs[0], encoding="utf-8")
    if rule.scope == "bibliography":
        from claimlint.config import Settings, resolve_rules
        from claimlint.context import Context

        rules = resolve_rules(Settings(select=(rule.code,)), ALL_RULES)
        return check_bibliographies([str(tmp_path / "refs.bib")], Context(), rules)
    for i, (lang, text) in enumerate(docs):
        path = tmp_path / f"example{i}.{lang or 'md'}"
        path.write_text(text, encoding="utf-8")
        findings.extend(lint_text(text, path=str(path), select=(rule.code,)))
    return findings


@pytest.mark.parametrize("rule", CHECKABLE, ids=lambda r: r.code)
def test_example_triggers_rule(rule, tmp_path):
    findings = _run(rule, "Example", tmp_path)
    assert rule.code in {f.code for f in findings}


@pytest.mark.parametrize("rule", CHECKABLE, ids=lambda r: r.code)
def test_use_instead_is_clean(rule, tmp_path):
    findings = _run(rule, "Use instead", tmp_path)
    assert [f for f in findings if f.code == rule.code] == []
