"""BibTeX through bibtexparser v2, keeping each entry's line. Imported only when a .bib is read."""

from __future__ import annotations

import logging

from claimlint.bib import REQUIRED, BibEntry, BibFile, BibProblem

MAX_CROSSREF_DEPTH = 8


def load_bibtex(path: str, text: str) -> BibFile:
    import bibtexparser
    from bibtexparser import model

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(text)
    except Exception as exc:  # the library raises on inputs it cannot split at all
        return BibFile(
            path, problems=[BibProblem("parse-error", 1, 1, f"cannot parse BibTeX: {exc}")]
        )
    out = BibFile(path)
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = (getattr(block, "start_line", 0) or 0) + 1
        if isinstance(block, model.Entry):
            fields = {f.key.lower(): _text(f.value) for f in block.fields}
            entry = BibEntry(block.key, block.entry_type.lower(), fields, path, line)
            out.entries.append(entry)
            first_line.setdefault(block.key, line)
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            key = getattr(block, "key", "")
            first = first_line.get(key)
            where = f" (first defined on line {first})" if first else ""
            if getattr(block, "previous_block", None) is not None and isinstance(
                block.previous_block, model.String
            ):
                kind_name = "string"
            else:
                kind_name = "entry"
            out.problems.append(
                BibProblem(
                    "duplicate-key", line, 1, f"duplicate {kind_name} key '{key}'{where}", key
                )
            )
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            out.problems.append(
                BibProblem(
                    "parse-error",
                    line,
                    1,
                    f"entry '{getattr(block, 'key', '')}' repeats a field: {block.error}",
                )
            )
        elif isinstance(block, model.ParsingFailedBlock):
            reason = (
                getattr(block.error, "abort_reason", "")
                or str(block.error)
                or type(block.error).__name__
            )
            reason = " ".join(str(reason).split())
            out.problems.append(
                BibProblem("parse-error", line, 1, f"cannot parse this block: {reason}")
            )
    out.problems.extend(_incomplete(out.entries))
    return out


def _text(value) -> str:
    return value if isinstance(value, str) else str(value)


def _incomplete(entries: list[BibEntry]) -> list[BibProblem]:
    by_key = {}
    for e in entries:
        by_key.setdefault(e.key.lower(), e)
    problems = []
    for e in entries:
        fields = _inherited(e, by_key)
        required = REQUIRED.get(e.entry_type, ("title",))
        missing = []
        for name in required:
            if name == "author" and (fields.get("author") or fields.get("editor")):
                continue
            if name == "year" and (fields.get("year") or fields.get("date")):
                continue
            if name == "journal" and fields.get("journaltitle"):
                continue
            if not str(fields.get(name, "")).strip():
                missing.append(name)
        if missing:
            names = ", ".join(missing)
            problems.append(
                BibProblem(
                    "incomplete", e.line, 1, f"@{e.entry_type} '{e.key}' has no {names}", e.key
                )
            )
    return problems


def _inherited(entry: BibEntry, by_key: dict[str, BibEntry]) -> dict:
    """Fields with crossref/xref parents filled in; stops on cycles and deep chains."""
    fields = dict(entry.fields)
    seen = {entry.key.lower()}
    current = entry
    for _ in range(MAX_CROSSREF_DEPTH):
        parent_key = (current.get("crossref") or current.get("xref")).strip().lower()
        if not parent_key or parent_key in seen or parent_key not in by_key:
            break
        seen.add(parent_key)
        current = by_key[parent_key]
        for k, v in current.fields.items():
            fields.setdefault(k, v)
            if k == "title":
                fields.setdefault("booktitle", v)
    return fields
