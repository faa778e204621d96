"""Meta-tests: one explicit registry, unique codes, kebab names, every module listed, README."""

import importlib
import pkgutil
import re

import claimlint.rules as rules_pkg
from claimlint.rules import ALL_RULES
from conftest import ROOT

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")


def test_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))
    for r in ALL_RULES:
        assert re.fullmatch(r"CL[0-5]\d\d", r.code), r.code
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", r.name), r.name
        assert r.status in ("stable", "experimental")
        assert r.scope in ("document", "bibliography", "file")
        assert r.family, r.code


def test_every_rule_module_is_registered_once():
    modules = sorted(
        m.name for m in pkgutil.iter_modules(rules_pkg.__path__) if re.match(r"cl\d{3}_", m.name)
    )
    registered = sorted(
        importlib.import_module(r.check.__module__).__name__.rsplit(".", 1)[-1] for r in ALL_RULES
    )
    assert modules == registered
    for r in ALL_RULES:
        module = r.check.__module__.rsplit(".", 1)[-1]
        assert module.startswith(r.code.lower() + "_"), (module, r.code)
        assert module[len(r.code) + 1 :] == r.name.replace("-", "_"), (module, r.name)


def test_docstrings_have_ruff_sections():
    for r in ALL_RULES:
        sections = r.doc_sections()
        for title in SECTIONS:
            assert title in sections and sections[title].strip(), (r.code, title)


def test_readme_rules_table_matches_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- rules-table", 1)[1].split("<!-- end rules-table -->", 1)[0]
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in block.splitlines()
        if line.startswith("| CL")
    ]
    expected = [[r.code, r.name, r.severity.value, r.status, r.summary] for r in ALL_RULES]
    assert rows == expected
