"""Bibliographies: BibTeX (bibtexparser v2, with each entry's line), CSL JSON, and citekey
aliases (Manubot ``[@tag:x]: doi:…`` definitions in Markdown, or a TSV of tag → id).

A citekey resolves directly (``smith2020``), through an alias (``tag:x`` → ``doi:…``), or by
identifier (``doi:``, ``pmid:``, ``pmcid:``, ``arxiv:``, ``url:``) against the entries' fields.
A reference-list entry resolves by DOI or PMID when it has one, otherwise by title: an exact
match of the normalized title, then a fuzzy match (rapidfuzz ``token_set_ratio`` ≥
``TITLE_THRESHOLD`` on titles of at least four words).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from claimlint.parse.references import normalize_title
from claimlint.source import DecodeError, SourceText, decode

TITLE_THRESHOLD = 90  # rapidfuzz token_set_ratio, 0-100
KEY_SUGGEST_THRESHOLD = 75  # rapidfuzz ratio for "did you mean"
ID_PREFIXES = ("doi", "pmid", "pmcid", "arxiv", "url", "isbn")

# Required fields per entry type (BibTeX's standard styles); "author" accepts "editor" and
# "year" accepts "date". Every other type needs a title only.
REQUIRED = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author", "title", "publisher", "year"),
    "inbook": ("author", "title", "year"),
    "incollection": ("author", "title", "booktitle", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "mastersthesis": ("author", "title", "school", "year"),
    "techreport": ("author", "title", "institution", "year"),
}


@dataclass(frozen=True)
class BibEntry:
    key: str
    entry_type: str
    fields: dict
    path: str
    line: int
    column: int = 1

    def get(self, name: str) -> str:
        return str(self.fields.get(name, "") or "")

    @property
    def title(self) -> str:
        return self.get("title")

    @property
    def doi(self) -> str:
        return normalize_doi(self.get("doi"))


@dataclass(frozen=True)
class BibProblem:
    kind: str  # parse-error, duplicate-key, incomplete
    line: int
    column: int
    message: str
    key: str = ""


@dataclass
class BibFile:
    path: str
    entries: list[BibEntry] = field(default_factory=list)
    problems: list[BibProblem] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    source: SourceText | None = None

    def span_of(self, line: int, column: int = 1):
        """A one-line span at (line, column) in this file, for findings."""
        from claimlint.model import Span

        if self.source is None or not self.source.text:
            return Span(0, 0)
        line = min(max(line, 1), self.source.line_count)
        start = self.source.line_starts[line - 1] + max(column - 1, 0)
        end = start + len(self.source.line_text(line)) - max(column - 1, 0)
        start = min(start, len(self.source.text))
        return Span(start, max(start, min(end, len(self.source.text))))


def normalize_doi(doi: str) -> str:
    doi = doi.strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if doi.startswith(prefix):
            doi = doi[len(prefix) :]
    return doi


class Bibliography:
    """One or more bibliography files, merged; the first definition of a key wins."""

    def __init__(self, files: list[BibFile]) -> None:
        self.files = files
        self.entries: dict[str, BibEntry] = {}
        self.aliases: dict[str, str] = {}
        self._ids: dict[str, str] = {}
        for f in files:
            for e in f.entries:
                self.entries.setdefault(e.key, e)
            for k, v in f.aliases.items():
                self.aliases.setdefault(k, v)
        for e in self.entries.values():
            for prefix, value in _identifiers(e):
                self._ids.setdefault(f"{prefix}:{value}", e.key)
        self._titles: dict[str, str] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def resolve(self, key: str, extra_aliases: dict[str, str] | None = None) -> BibEntry | None:
        """The entry a citekey names, or None."""
        seen = set()
        while key not in seen:
            seen.add(key)
            entry = self.entries.get(key)
            if entry is not None:
                return entry
            prefix, _, rest = key.partition(":")
            lowered = prefix.lower()
            if rest and lowered in ID_PREFIXES:
                value = normalize_doi(rest) if lowered == "doi" else rest.strip().lower()
                found = self._ids.get(f"{lowered}:{value}")
                if found is not None:
                    return self.entries[found]
            target = (extra_aliases or {}).get(key) or self.aliases.get(key)
            if target is None:
                return None
            key = target
        return None

    def suggest(self, key: str) -> str | None:
        """The closest known key, for "did you mean"."""
        from rapidfuzz import fuzz, process

        choices = list(self.entries) + list(self.aliases)
        if not choices:
            return None
        best = process.extractOne(
            key, choices, scorer=fuzz.ratio, score_cutoff=KEY_SUGGEST_THRESHOLD
        )
        return best[0] if best else None

    def match_reference(self, ref) -> tuple[BibEntry | None, str]:
        """Resolve a reference-list entry: (entry, how) where how is key/doi/pmid/title/fuzzy."""
        if ref.key and (e := self.resolve(ref.key)):
            return e, "key"
        if ref.doi and (k := self._ids.get(f"doi:{ref.doi}")):
            return self.entries[k], "doi"
        if ref.pmid and (k := self._ids.get(f"pmid:{ref.pmid}")):
            return self.entries[k], "pmid"
        titles = self._title_index()
        for candidate in (ref.title, ref.text):
            k = titles.get(normalize_title(candidate))
            if k:
                return self.entries[k], "title"
        if len(normalize_title(ref.title).split()) < 4 or not titles:
            return None, ""
        from rapidfuzz import fuzz, process

        best = process.extractOne(
            normalize_title(ref.title),
            list(titles),
            scorer=fuzz.token_set_ratio,
            processor=None,
            score_cutoff=TITLE_THRESHOLD,
        )
        if best and len(best[0].split()) >= 4:
            return self.entries[titles[best[0]]], "fuzzy"
        return None, ""

    def _title_index(self) -> dict[str, str]:
        if self._titles is None:
            self._titles = {}
            for e in self.entries.values():
                t = normalize_title(e.title)
                if t:
                    self._titles.setdefault(t, e.key)
        return self._titles


def _identifiers(e: BibEntry):
    if e.doi:
        yield "doi", e.doi
    for name in ("pmid", "pmcid", "isbn"):
        if v := e.get(name).strip().lower():
            yield name, v
    url = e.get("url").strip()
    if url:
        yield "url", url.lower()
        m = re.search(r"arxiv\.org/(?:abs|pdf)/([^\s/v]+(?:/\d+)?)", url)
        if m:
            yield "arxiv", m.group(1).lower()
    if e.get("eprint") and e.get("archiveprefix").lower() == "arxiv":
        yield "arxiv", e.get("eprint").lower()
    number = e.get("number")
    if number and "arxiv" in (e.get("container-title") + e.get("publisher")).lower():
        yield "arxiv", number.lower()


def load_bibliography(sources) -> Bibliography:
    """Load and merge bibliography files (.bib, .json, .md alias definitions, .tsv)."""
    return Bibliography([load_bib_file(str(p)) for p in sources])


_FILE_CACHE: dict[tuple[str, str, int, int], BibFile] = {}


def load_bib_file(path: str) -> BibFile:
    p = Path(path)
    try:
        stat = p.stat()
        # keyed by the path as given too: findings carry the path as the user spelled it
        cache_key = (path, str(p.resolve()), stat.st_mtime_ns, stat.st_size)
        if cache_key in _FILE_CACHE:
            return _FILE_CACHE[cache_key]
        data = p.read_bytes()
    except OSError as exc:
        return BibFile(
            path,
            problems=[
                BibProblem("parse-error", 1, 1, f"cannot read bibliography: {exc.strerror or exc}")
            ],
        )
    try:
        text = decode(data)
    except DecodeError as exc:
        lossy = SourceText.from_text(data.decode("utf-8", errors="replace"))
        return BibFile(
            path,
            problems=[BibProblem("parse-error", exc.line, exc.column, exc.message)],
            source=lossy,
        )
    suffix = p.suffix.lower()
    if suffix == ".json":
        result = _load_csl_json(path, text)
    elif suffix in (".md", ".markdown"):
        result = _load_alias_markdown(path, text)
    elif suffix == ".tsv":
        result = _load_alias_tsv(path, text)
    else:
        from claimlint.bibtex import load_bibtex

        result = load_bibtex(path, text)
    result.source = SourceText.from_text(text)
    _FILE_CACHE[cache_key] = result
    return result


def _load_csl_json(path: str, text: str) -> BibFile:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        return BibFile(
            path,
            problems=[BibProblem("parse-error", exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")],
        )
    if isinstance(items, dict):
        items = items.get("items") or items.get("references") or [items]
    if not isinstance(items, list):
        return BibFile(
            path, problems=[BibProblem("parse-error", 1, 1, "CSL JSON must be a list of items")]
        )
    src = SourceText.from_text(text)
    id_lines: dict[str, list[int]] = {}
    for m in re.finditer(r'"id"\s*:\s*"((?:[^"\\]|\\.){0,2000})"', text):
        id_lines.setdefault(m.group(1), []).append(src.position(m.start())[0])
    out = BibFile(path)
    seen: dict[str, int] = {}
    for item in items:
        if not isinstance(item, dict) or "id" not in item:
            continue
        key = str(item["id"])
        lines = id_lines.get(json.dumps(key, ensure_ascii=False)[1:-1]) or [1]
        line = lines.pop(0) if len(lines) > 1 else lines[0]
        fields = {k.lower(): _csl_value(k, v) for k, v in item.items()}
        entry = BibEntry(key, str(item.get("type", "")), fields, path, line)
        if key in seen:
            out.problems.append(
                BibProblem(
                    "duplicate-key",
                    line,
                    1,
                    f"duplicate key '{key}' (first on line {seen[key]})",
                    key,
                )
            )
            continue
        seen[key] = line
        out.entries.append(entry)
    return out


def _csl_value(key: str, value) -> str:
    if key == "author" and isinstance(value, list):
        return " and ".join(
            f"{a.get('family', '')}, {a.get('given', '')}".strip(", ")
            if isinstance(a, dict)
            else str(a)
            for a in value
        )
    if key == "issued" and isinstance(value, dict):
        parts = value.get("date-parts") or [[]]
        return str(parts[0][0]) if parts and parts[0] else ""
    return value if isinstance(value, str) else json.dumps(value)


_ALIAS_LINE = re.compile(r"^\[@([^\]\s]+)\]:[ \t]*(\S+)", re.M)


def _load_alias_markdown(path: str, text: str) -> BibFile:
    return BibFile(path, aliases={m.group(1): m.group(2) for m in _ALIAS_LINE.finditer(text)})


def _load_alias_tsv(path: str, text: str) -> BibFile:
    """A tag table (``tag``, ``citation``) or Manubot's citations.tsv (``input_id``,
    ``dealiased_id``, ``standard_id`` → ``short_id``)."""
    lines = text.splitlines()
    header = [h.strip().lower() for h in lines[0].split("\t")] if lines else []
    if "tag" in header and "citation" in header:
        sources, target, prefix = [header.index("tag")], header.index("citation"), "tag:"
    elif "short_id" in header:
        names = ("input_id", "dealiased_id", "standard_id")
        sources = [header.index(n) for n in names if n in header]
        target, prefix = header.index("short_id"), ""
    else:
        problem = BibProblem(
            "parse-error", 1, 1, "TSV needs columns tag/citation or input_id/short_id"
        )
        return BibFile(path, problems=[problem])
    aliases: dict[str, str] = {}
    for row in lines[1:]:
        cols = row.split("\t")
        if len(cols) <= max(*sources, target) or not cols[target].strip():
            continue
        for i in sources:
            name = cols[i].strip()
            if name and name != cols[target].strip():
                aliases.setdefault(prefix + name, cols[target].strip())
    return BibFile(path, aliases=aliases)
