"""The editor report (formatters/html_format.py): structure, escaping, claim statuses,
reference resolution, dose charts, and a 1,000-document run."""

from __future__ import annotations

import re
import shutil
import time
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from claimlint.config import Settings
from claimlint.engine import make_finding
from claimlint.findings import Finding, Location, Report, Severity
from claimlint.formatters import render
from claimlint.formatters.html_charts import BAR, CONFLICT
from claimlint.formatters.html_css import CSS
from claimlint.formatters.html_format import CSP
from claimlint.limits import DoseLimit, DoseLimits
from claimlint.model import Document, DoseMention, DoseRole, Section, Span
from claimlint.runner import run
from claimlint.source import SourceText
from conftest import EXAMPLES, SEED, need

FIXTURES = Path(__file__).parent / "fixtures" / "html"
BIB = EXAMPLES / "good" / "references.bib"
VOID = {"meta", "br", "img", "input", "link", "hr", "area", "base", "col", "source", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
        ]

    def ancestor(self, cls: str) -> Node | None:
        node = self.parent
        while node is not None and cls not in node.classes:
            node = node.parent
        return node


class Tree(HTMLParser):
    """A minimal DOM built with the stdlib parser (void and self-closing elements handled)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)

    def all(self, tag=None, cls=None):
        return self.root.all(tag, cls)


def lint_report(paths, **settings) -> Report:
    return run([str(p) for p in paths], Settings(**settings), keep_documents=True)


@pytest.fixture(scope="module")
def examples_report() -> Report:
    return lint_report([EXAMPLES / "good", EXAMPLES / "bad"])


@pytest.fixture(scope="module")
def examples_html(examples_report) -> str:
    return render("html", examples_report, statistics=True)


def test_every_finding_is_shown_once_beside_its_line(examples_report, examples_html):
    tree = Tree(examples_html)
    boxes = tree.all(cls="finding")
    assert len(examples_report.findings) > 10
    assert len(boxes) == len(examples_report.findings)
    docs = {d.path for d in examples_report.documents}
    beside = [b for b in boxes if b.ancestor("row") is not None]
    in_docs = [f for f in examples_report.findings if f.path in docs]
    assert len(beside) == len(in_docs)
    for box in beside:
        line = int(box.ancestor("row").attrs["id"].rsplit("-L", 1)[1])
        (at,) = box.all(cls="at")
        assert f"line {line}," in at.text
    # the messages, in report order, match the findings
    shown = [b.all(cls="fm")[0].text for b in boxes]
    assert sorted(shown) == sorted(f.message for f in examples_report.findings)


def test_page_is_self_contained_and_accessible(examples_report, examples_html):
    tree = Tree(examples_html)
    (html,) = tree.all("html")
    assert html.attrs["lang"] == "en"
    metas = [m for m in tree.all("meta") if m.attrs.get("http-equiv")]
    assert [(m.attrs["http-equiv"], m.attrs["content"]) for m in metas] == [
        ("Content-Security-Policy", CSP)
    ]
    head = tree.all("head")[0]
    kinds = [n.tag for n in head.children if isinstance(n, Node)]
    assert kinds.index("meta") < kinds.index("style")
    assert not tree.all("script") and "<script" not in examples_html.lower()
    for node in tree.all():
        assert "src" not in node.attrs
        href = node.attrs.get("href")
        assert href is None or href.startswith("#"), href
        assert not any(name.startswith("on") for name in node.attrs)
    # headings: one h1, levels never skip
    levels = [int(n.tag[1]) for n in tree.all() if re.fullmatch(r"h[1-6]", n.tag)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))
    assert len(tree.all("h2")) >= len(examples_report.documents) + 1
    for th in tree.all("th"):
        assert th.attrs.get("scope") in ("row", "col")
    for svg in tree.all("svg"):
        if svg.attrs.get("aria-hidden") == "true":
            continue
        titles = [c for c in svg.children if isinstance(c, Node) and c.tag == "title"]
        assert titles and titles[0].text.strip()
    assert "@media print" in examples_html
    # one section per document, each with its h2
    sections = [s for s in tree.all("section") if "doc" in s.classes]
    assert len(sections) == len(examples_report.documents)
    assert all(s.all("h2") for s in sections)


def test_summary_counts_by_family_and_severity(examples_report, examples_html):
    tree = Tree(examples_html)
    table = next(t for t in tree.all("table") if "family" in t.all("caption")[0].text)
    rows = {
        r.all("th")[0].text.split()[0]: [int(td.text) for td in r.all("td")]
        for r in table.all("tr")
        if r.all("td")
    }
    assert set(rows) >= {"CL0", "CL1", "CL2", "CL3", "CL4", "CL5"}
    for prefix in ("CL0", "CL1", "CL2", "CL3"):
        want = [
            sum(1 for f in examples_report.findings if f.code[:3] == prefix and f.severity == s)
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        ]
        assert rows[prefix] == [*want, sum(want)]
    assert rows["All"][-1] == len(examples_report.findings)


def _doc_section(tree: Tree, path_part: str) -> Node:
    return next(
        s for s in tree.all("section") if "doc" in s.classes and path_part in s.all("h2")[0].text
    )


def test_claims_marked_by_status_with_text_labels():
    report = lint_report([FIXTURES / "mixed-status.md"])
    tree = Tree(render("html", report))
    section = _doc_section(tree, "mixed-status.md")
    text = section.all(cls="text")[0]
    badges = [b.text for b in text.all(cls="badge")]
    assert badges == ["✓ cited", "✓ cited", "⚠ dangling", "✗ uncited"]
    marks = [m for m in text.all("mark")]
    assert {m.attrs["class"] for m in marks} == {"c cited", "c dangling", "c uncited"}
    dangling = [m.text for m in text.all(cls="mk") if "dangling" in m.classes]
    assert dangling == ["3"]
    # the summary row: 2 of 4 claims cited and resolved
    cov = next(t for t in tree.all("table") if "coverage" in t.all("caption")[0].text.lower())
    (row,) = [r for r in cov.all("tr") if r.all("td")]
    assert "2/4 (50%)" in row.text
    assert [td.text for td in row.all("td")][:4] == ["4", "2", "1", "1"]
    (bar,) = row.all("svg")
    assert "4 claims: 2 cited, 1 dangling, 1 uncited" in bar.all("title")[0].text


def _resolutions(tree: Tree, path_part: str) -> dict[str, str]:
    section = _doc_section(tree, path_part)
    table = section.all("table")[0]
    return {r.all("th")[0].text: r.all("td")[-1].text for r in table.all("tr") if r.all("td")}


def test_references_show_how_they_resolve():
    with_bib = Tree(
        render("html", lint_report([FIXTURES / "mixed-status.md"], bibliography=(str(BIB),)))
    )
    res = _resolutions(with_bib, "mixed-status.md")
    assert res["1"].startswith("✓ bib key qaseem2017")
    assert "DOI 10.7326/M16-2367" in res["1"] and "matched by title" in res["1"]
    assert res["2"] == "✗ no match by DOI, PMID or title"
    without = Tree(render("html", lint_report([FIXTURES / "mixed-status.md"])))
    assert set(_resolutions(without, "mixed-status.md").values()) == {
        "– no bibliography configured"
    }


def test_citekeys_resolve_against_the_front_matter_bibliography():
    report = lint_report([EXAMPLES / "good" / "radiculopathy-pandoc.md"])
    tree = Tree(render("html", report))
    section = _doc_section(tree, "radiculopathy-pandoc.md")
    table = section.all("table")[0]
    assert "keys" in table.all("caption")[0].text
    keys = {r.all("th")[0].text: r.all("td")[-1].text for r in table.all("tr") if r.all("td")}
    assert set(keys) == {"enke2018", "qaseem2017", "gabapentinlabel2017"}
    assert all(v.startswith("✓ bib key ") for v in keys.values())
    assert [b.text for b in section.all(cls="badge") if "cited" in b.classes][1:] == ["✓ cited"] * 4


def test_hostile_document_renders_as_text(tmp_path):
    folder = tmp_path / 'we"ird <i onmouseover=alert(1)>folder'
    folder.mkdir()
    doc = folder / "hostile.md"
    shutil.copy(FIXTURES / "hostile.md", doc)
    report = lint_report([doc])
    assert report.findings  # the uncited claim quotes hostile text in its message
    html = render("html", report)
    tree = Tree(html)
    for tag in ("script", "img", "iframe", "b", "i", "style"):
        found = tree.all(tag)
        assert len(found) == (1 if tag == "style" else 0), tag
    assert html.count("</style>") == 1 and html.lower().count("<style") == 1
    for node in tree.all():
        assert not any(a.startswith("on") for a in node.attrs)
        assert "javascript:" not in " ".join(str(v) for v in node.attrs.values())
        href = node.attrs.get("href")
        assert href is None or re.fullmatch(r"#[\w-]+", href), href
    text = tree.root.text
    for hostile in (
        "<script>document.title='pwned'</script>",
        '"><img src=x onerror="document.title=\'pwned\'">',
        "(javascript:document.title='pwned')",
        "</style><b>bold</b>",
        "<style>body{display:none}</style>",
        '<iframe src="https://example.org/x"></iframe>',
    ):
        assert hostile in text, hostile
    assert 'we"ird <i onmouseover=alert(1)>folder' in tree.all("h2")[1].text
    assert tree.all("title")[0].text.startswith("claimlint editor report")


def test_hostile_bibliography_renders_as_text(tmp_path):
    bib = tmp_path / "evil.bib"
    bib.write_text(
        '@misc{evil,\n  title = {</style><script>alert(1)</script> "><img src=x>},\n'
        "  year = {2020},\n}\n",
        encoding="utf-8",
    )
    doc = tmp_path / "doc.md"
    doc.write_text(
        "# Evil bib\n\nPregabalin is used for radicular pain [@evil].\n", encoding="utf-8"
    )
    html = render("html", lint_report([doc], bibliography=(str(bib),)))
    tree = Tree(html)
    assert not tree.all("script") and not tree.all("img")
    assert html.count("</style>") == 1
    assert '</style><script>alert(1)</script> "><img src=x>' in tree.root.text


def test_report_without_documents_lists_findings(examples_report):
    bare = Report.build(examples_report.findings, examples_report.files)
    tree = Tree(render("html", bare))
    assert len(tree.all(cls="finding")) == len(examples_report.findings)
    assert "built without the parsed documents" in tree.all(cls="note")[0].text


# --- doses -------------------------------------------------------------------------------


class FakeContext:
    """What the report reads from a run's Context."""

    def __init__(self, limits: DoseLimits | None = None) -> None:
        self.dose_limits = limits

    def bibliography(self, doc):
        return None


DOSE_TEXT = (
    "# Pregabalin\n"  # 1
    "\n"
    "## Summary\n"  # 3
    "Pregabalin 150-300 mg twice daily is the usual range [1].\n"  # 4
    "## Follow-up\n"  # 5
    "Continue pregabalin 75-150 mg twice daily at review [1].\n"  # 6
    "## Limit\n"  # 7
    "Do not exceed pregabalin 600 mg per day [1].\n"  # 8
    "Children: gabapentin 10 mg/kg three times daily [1].\n"  # 9
)


def _mention(text: str, written: str, low, high, per_day, role=DoseRole.RECOMMENDED, **kw):
    start = text.index(written)
    return DoseMention(
        span=Span(start, start + len(written)),
        text=written,
        drug=kw.pop("drug", "pregabalin"),
        low=low,
        high=high,
        unit="mg",
        per_day_low=per_day[0],
        per_day_high=per_day[1],
        role=role,
        **kw,
    )


def dose_document() -> Document:
    t = DOSE_TEXT
    sections = tuple(
        Section(i, title, level, Span(t.index(line), t.index(line) + len(line)))
        for i, (title, level, line) in enumerate(
            [
                ("Pregabalin", 1, "# Pregabalin"),
                ("Summary", 2, "## Summary"),
                ("Follow-up", 2, "## Follow-up"),
                ("Limit", 2, "## Limit"),
            ]
        )
    )
    mentions = (
        _mention(t, "150-300 mg twice daily", 150, 300, (300, 600), section=1),
        _mention(t, "75-150 mg twice daily", 75, 150, (150, 300), section=2),
        _mention(t, "600 mg per day", 600, 600, (600, 600), DoseRole.LIMIT, section=3),
        _mention(
            t,
            "10 mg/kg three times daily",
            10,
            10,
            (30, 30),
            drug="gabapentin",
            section=3,
            basis="/kg",
        ),
    )
    return Document(
        path="doses.md",
        source=SourceText.from_text(t),
        dialect="numeric",
        title="Pregabalin",
        sections=sections,
        dose_mentions=mentions,
    )


def conflict_finding(doc: Document) -> Finding:
    return Finding(
        path=doc.path, line=6, column=21, end_line=6, end_column=42, code="CL301",
        name="inconsistent-dose", severity=Severity.ERROR,
        message="pregabalin 75-150 mg twice daily is 150–300 mg/day here, but 300–600 mg/day"
        " elsewhere in this document",
        related=(Location(doc.path, 4, 12, "stated here as 300–600 mg/day"),),
    )  # fmt: skip


def _chart(tree: Tree, drug: str) -> Node:
    charts = [s for s in tree.all("svg") if "dose-chart" in s.classes]
    return next(s for s in charts if s.all("title")[0].text.startswith(drug))


def test_dose_conflict_is_coloured_labelled_and_drawn_against_the_maximum():
    doc = dose_document()
    limits = DoseLimits((DoseLimit("pregabalin", 600, "mg"), DoseLimit("gabapentin", 3600, "mg")))
    report = Report.build([conflict_finding(doc)], [doc.path], [doc], FakeContext(limits))
    tree = Tree(render("html", report))
    chart = _chart(tree, "pregabalin")
    rows = chart.all("g")
    assert len(rows) == 3
    conflict = [g for g in rows if "conflict" in g.classes]
    assert [g.all("text")[0].text for g in conflict] == ["line 4 · Summary", "line 6 · Follow-up"]
    assert [g.all(cls="flag")[0].text for g in conflict] == [
        "⚠ conflict (vs line 6)",
        "⚠ conflict (vs line 4)",
    ]
    for g in conflict:
        assert g.all("rect")[-1].attrs["fill"] == CONFLICT
    (plain,) = [g for g in rows if "conflict" not in g.classes]
    assert "line 8 · Limit · limit" in plain.text and "conflict" not in plain.text
    assert plain.all("circle")[0].attrs["fill"] == BAR
    # the labelled maximum: a vertical line exactly where the 300–600 bar ends
    (limit,) = [n for n in chart.all("line") if "limit" in n.classes]
    assert limit.attrs["x1"] == limit.attrs["x2"]
    bar = conflict[0].all("rect")[-1]
    end = float(bar.attrs["x"]) + float(bar.attrs["width"])
    assert abs(float(limit.attrs["x1"]) - end) < 0.2
    assert any(t.text == "max 600 mg/day" for t in chart.all("text"))
    # 150–300 ends half way to the maximum
    low_bar = conflict[1].all("rect")[-1]
    low_end = float(low_bar.attrs["x"]) + float(low_bar.attrs["width"])
    assert abs((low_end - 310) * 2 - (end - 310)) < 0.5
    # the table says the same in words, and the text marks the mentions
    tables = [t for t in tree.all("table") if "doses" in t.classes]
    flagged = [r.all("th")[0].text for r in tables[0].all("tr") if "conflict" in r.classes]
    assert flagged == ["4", "6"]
    dz = [b.text for b in tree.all(cls="badge") if "dz" in b.classes]
    assert dz == ["⚠ conflict", "⚠ conflict"]
    # a per-kg dose is not drawn against a per-day limit in mg
    gaba = _chart(tree, "gabapentin")
    assert not [n for n in gaba.all("line") if "limit" in n.classes]
    caption = gaba.parent.all("figcaption")[0].text
    assert "stated per another basis" in caption


def test_dose_chart_without_limits_or_findings():
    doc = dose_document()
    tree = Tree(render("html", Report.build([], [doc.path], [doc], None)))
    chart = _chart(tree, "pregabalin")
    assert not [g for g in chart.all("g") if "conflict" in g.classes]
    assert not [n for n in chart.all("line") if "limit" in n.classes]
    assert "no labelled maximum on file" in chart.parent.all("figcaption")[0].text
    assert all(c.attrs["fill"] == BAR for c in chart.all("circle"))


def test_above_maximum_is_labelled():
    doc = dose_document()
    above = Finding(
        path=doc.path, line=4, column=12, end_line=4, end_column=34, code="CL302",
        name="dose-above-maximum", severity=Severity.ERROR, message="above the maximum",
    )  # fmt: skip
    report = Report.build([above], [doc.path], [doc], FakeContext(DoseLimits(())))
    tree = Tree(render("html", report))
    flags = [t.text for t in _chart(tree, "pregabalin").all(cls="flag")]
    assert flags == ["▲ above max"]


def test_real_conflict_document_end_to_end():
    from claimlint.context import Context
    from claimlint.parse import parse_document
    from claimlint.rules.cl301_inconsistent_dose import RULE

    path = str(FIXTURES / "dose-conflict.md")
    ctx = Context()
    doc = parse_document(path, Path(path).read_text(encoding="utf-8"), None, lexicon=ctx.lexicon)
    findings = [
        make_finding(path, doc.source, v, RULE.code, RULE.name, RULE.severity)
        for v in RULE.check(doc, ctx, RULE.options())
    ]
    assert [(f.code, f.line) for f in findings] == [("CL301", 18)]
    tree = Tree(render("html", Report.build(findings, [path], [doc], ctx)))
    chart = _chart(tree, "pregabalin")
    conflict = [g.all("text")[0].text for g in chart.all("g") if "conflict" in g.classes]
    assert conflict == ["line 5 · Summary", "line 14 · Dose review", "line 18 · Follow-up"]
    assert [n for n in chart.all("line") if "limit" in n.classes]
    assert any(t.text.startswith("max 600 mg/day") for t in chart.all("text"))


# --- colours and speed ---------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_status_colours_have_enough_contrast():
    var = dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{6})", CSS))
    pairs = [("ink", None), ("muted", None), ("ok", "ok-bg"), ("bad", "bad-bg")]
    pairs += [("warn", "warn-bg"), ("unv", "unv-bg"), ("conf", "conf-bg"), ("conf", None)]
    for fg, bg in pairs:
        ratio = _contrast(var[fg], var[bg] if bg else "#ffffff")
        assert ratio >= 4.5, (fg, bg, round(ratio, 2))
    assert _contrast(CONFLICT, "#ffffff") >= 3 and _contrast(BAR, "#ffffff") >= 3


def make_corpus(folder: Path, n: int) -> None:
    """n documents copied from examples/good with variations: changed doses, a dropped marker,
    a dangling marker."""
    good = sorted(p for p in (EXAMPLES / "good").iterdir() if p.suffix in (".md", ".txt"))
    shutil.copy(EXAMPLES / "good" / "references.bib", folder / "references.bib")
    for k in range(n):
        src = good[k % len(good)]
        text = src.read_text(encoding="utf-8")
        text = text.replace("150-300 mg", f"{150 - 25 * (k % 3)}-300 mg", 1)
        if k % 4 == 1:
            text = text.replace(" [1]", "", 1)
        if k % 5 == 2:
            text = text.replace("[1]", "[7]", 1)
        (folder / f"doc{k:04d}-{src.name}").write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_thousand_document_report(tmp_path):
    make_corpus(tmp_path, 1000)
    t0 = time.perf_counter()
    report = lint_report([tmp_path])
    t1 = time.perf_counter()
    html = render("html", report)
    t2 = time.perf_counter()
    assert len(report.documents) == 1000
    assert html.count('<div class="finding ') == len(report.findings) > 100
    print(
        f"\n1,000 documents: lint {t1 - t0:.2f} s, render {t2 - t1:.2f} s,"
        f" {len(html) / 1e6:.1f} MB, {len(report.findings)} findings"
    )
    assert t2 - t1 < 30


def test_seed_report_shows_the_four_dangling_markers():
    report = lint_report([need(SEED)])
    tree = Tree(render("html", report))
    boxes = tree.all(cls="finding")
    lines = [int(b.ancestor("row").attrs["id"].rsplit("-L", 1)[1]) for b in boxes]
    assert lines == [40, 60, 61, 66]
    for box in boxes:
        row = box.ancestor("row")
        assert "⚠ dangling" in [b.text for b in row.all(cls="badge")]


def test_bibliography_findings_are_listed_under_other_files():
    bad_bib = EXAMPLES / "bad" / "cl206-incomplete-bib-entry.bib"
    report = lint_report(
        [EXAMPLES / "good" / "radiculopathy-pandoc.md"], bibliography=(str(bad_bib),)
    )
    assert {f.code for f in report.findings} == {"CL201", "CL206"}
    tree = Tree(render("html", report))
    (other,) = [s for s in tree.all("section") if "other" in s.classes]
    assert [h.text for h in other.all("h3")] == [str(bad_bib)]
    boxes = other.all(cls="finding")
    assert [b.all("code")[0].text for b in boxes] == ["CL206"]
    # the bibliography line the finding points at is quoted above it
    (src,) = other.all("pre")
    line = next(f.line for f in report.findings if f.code == "CL206")
    assert src.text.endswith(bad_bib.read_text(encoding="utf-8").splitlines()[line - 1])
    # the citekey table says why each key failed
    section = _doc_section(tree, "radiculopathy-pandoc.md")
    keys = [r.all("td")[-1].text for r in section.all("table")[0].all("tr") if r.all("td")]
    assert keys and all(k.startswith("✗ not in the bibliography") for k in keys)
    assert not tree.all(cls="note")


def test_rule_text_markup_is_escaped_before_code_and_emphasis():
    from claimlint.formatters.html_charts import esc_md

    out = esc_md("the *recommended* dose, `max-related`, 2 * 3 * 4, `<script>` and *<b>*")
    assert out == (
        "the <em>recommended</em> dose, <code>max-related</code>, 2 * 3 * 4,"
        " <code>&lt;script&gt;</code> and <em>&lt;b&gt;</em>"
    )


def test_citekeys_without_a_bibliography_are_unverified(tmp_path):
    doc = tmp_path / "keys.md"
    doc.write_text(
        "# Keys\n\nPregabalin helps some patients with radicular pain [@enke2018].\n"
        "Exercise comes first for most patients with back pain.\n",
        encoding="utf-8",
    )
    tree = Tree(render("html", lint_report([doc])))
    section = _doc_section(tree, "keys.md")
    badges = [b.text for b in section.all(cls="text")[0].all(cls="badge")]
    assert badges == ["? unverified", "✗ uncited"]
    (row,) = [r for r in section.all("table")[0].all("tr") if r.all("td")]
    assert row.all("th")[0].text == "enke2018"
    assert row.all("td")[-1].text == "– no bibliography configured"
    cov = next(t for t in tree.all("table") if "coverage" in t.all("caption")[0].text.lower())
    assert "? unverified" in [b.text for b in cov.all("thead")[0].all(cls="badge")]
    assert "0/2 (0%)" in cov.all("tbody")[0].text


def test_rendering_is_deterministic_and_keeps_findings_outside_the_text():
    doc = dose_document()
    stray = Finding(
        path=doc.path, line=0, column=1, end_line=0, end_column=1, code="CL002",
        name="parse-problem", severity=Severity.WARNING, message="a problem before line 1",
    )  # fmt: skip
    report = Report.build([stray, conflict_finding(doc)], [doc.path], [doc], None)
    html = render("html", report)
    assert html == render("html", report)
    tree = Tree(html)
    (loose,) = tree.all(cls="loose")
    assert [b.all(cls="fm")[0].text for b in loose.all(cls="finding")] == [stray.message]
    assert len(tree.all(cls="finding")) == 2
