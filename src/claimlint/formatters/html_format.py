"""The editor report: one self-contained HTML file (inline CSS and SVG, no scripts, no external
requests) with a summary, each document's text with claims marked and findings beside their
line, references and how they resolve, and per-drug dose charts.

Every string that comes from a document, a bibliography, a pack or a finding is escaped with
``html.escape(quote=True)``; the Content-Security-Policy forbids scripts and remote loads.
"""

from __future__ import annotations

from claimlint import __version__
from claimlint.formatters.html_charts import PATTERN_DEFS, coverage_bar, esc, esc_md
from claimlint.formatters.html_css import CSS
from claimlint.formatters.html_document import (
    STATUS_HELP,
    badge,
    coverage_text,
    finding_html,
    render_document,
)
from claimlint.formatters.html_status import STATUS_ORDER, analyse

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
SEVERITIES = ("error", "warning", "info")


def _rules_info() -> dict[str, tuple]:
    """code → (rule, first sentence of "What it does", its first paragraph)."""
    import re

    from claimlint.rules import ALL_RULES

    info = {}
    for rule in ALL_RULES:
        what = rule.doc_sections().get("What it does", "")
        para = " ".join(what.split("\n\n")[0].split())
        first = re.split(r"(?<=[.!?])\s+(?=[A-Z`])", para, maxsplit=1)[0]
        info[rule.code] = (rule, first, para)
    return info


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _family_table(report) -> str:
    from claimlint.registry import FAMILIES

    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        key = (f.code[:3], f.severity.value)
        counts[key] = counts.get(key, 0) + 1
    head = "".join(f'<th scope="col">{s}</th>' for s in SEVERITIES)
    out = [
        '<table class="num"><caption>Findings by rule family and severity</caption>'
        f'<thead><tr><th scope="col">Family</th>{head}<th scope="col">Total</th></tr></thead>'
        "<tbody>"
    ]
    known = set(FAMILIES)
    rows = list(FAMILIES.items()) + [
        (p, "other") for p in sorted({f.code[:3] for f in report.findings} - known)
    ]
    for prefix, name in rows:
        cells = [counts.get((prefix, s), 0) for s in SEVERITIES]
        out.append(
            f'<tr><th scope="row">{esc(prefix)} {esc(name)}</th>'
            + "".join(f'<td class="n">{n}</td>' for n in cells)
            + f'<td class="n">{sum(cells)}</td></tr>'
        )
    totals = [sum(1 for f in report.findings if f.severity.value == s) for s in SEVERITIES]
    out.append(
        '<tr class="total"><th scope="row">All families</th>'
        + "".join(f'<td class="n">{n}</td>' for n in totals)
        + f'<td class="n">{len(report.findings)}</td></tr></tbody></table>'
    )
    return "".join(out)


def _rule_table(report, rules: dict) -> str:
    if not report.findings:
        return ""
    names = {f.code: f.name for f in report.findings}
    out = [
        '<table class="num"><caption>Findings by rule</caption><thead><tr>'
        '<th scope="col">Rule</th><th scope="col">Name</th><th scope="col">Findings</th>'
        "</tr></thead><tbody>"
    ]
    for code, n in report.by_code.items():
        link = f'<a href="#rule-{esc(code)}">{esc(code)}</a>' if code in rules else esc(code)
        out.append(
            f'<tr><th scope="row">{link}</th><td>{esc(names[code])}</td><td class="n">{n}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _coverage_table(entries) -> str:
    """entries: (anchor, doc, facts, n_findings) per document."""
    if not entries:
        return ""
    extra = any(facts.counts.get("unverified") for _a, _d, facts, _n in entries)
    statuses = [s for s in STATUS_ORDER if s != "unverified" or extra]
    head = "".join(f'<th scope="col">{badge(s)}</th>' for s in statuses)
    out = [
        '<table class="cov"><caption>Citation coverage per document: claims cited and resolved'
        " out of all claims</caption><thead><tr>"
        f'<th scope="col">Document</th><th scope="col">Claims</th>{head}'
        '<th scope="col">Coverage</th><th scope="col">Findings</th></tr></thead><tbody>'
    ]
    for anchor, doc, facts, n in entries:
        cells = "".join(f'<td class="n">{facts.counts.get(s, 0)}</td>' for s in statuses)
        out.append(
            f'<tr><th scope="row"><a href="#{anchor}">{esc(doc.path)}</a></th>'
            f'<td class="n">{facts.claims}</td>{cells}<td class="covcell">'
            f"{coverage_bar(facts.counts, facts.claims)} {coverage_text(facts)}</td>"
            f'<td class="n">{n}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _legend() -> str:
    items = "".join(f"<li>{badge(s)} {esc(STATUS_HELP[s])}</li>" for s in STATUS_ORDER)
    return (
        '<details class="howto" open><summary>How to read this report</summary>'
        f'<ul class="legend-list">{items}</ul>'
        "<p>Findings appear beside the line they point at, with the rule's code, what it "
        "checks, and links to related lines. Dose charts show each mention's daily amount; "
        "the dashed vertical line is the labelled maximum and mentions in conflict are "
        "orange, bold and labelled “⚠ conflict”.</p></details>"
    )


def _other_files(by_path: dict, doc_paths: set, rules: dict, ctx) -> str:
    paths = [p for p in by_path if p not in doc_paths]
    if not paths:
        return ""
    sources = {}
    if ctx is not None and hasattr(ctx, "loaded_bibliographies"):
        sources = {f.path: f.source for b in ctx.loaded_bibliographies() for f in b.files}
    out = ['<section class="other" aria-labelledby="other-h"><h2 id="other-h">Other files</h2>']
    for k, path in enumerate(paths):
        out.append(f'<h3 id="o{k}">{esc(path)}</h3>')
        src = sources.get(path)
        for f in by_path[path]:
            if src is not None and src.line_text(f.line):
                out.append(f'<pre class="src"><span class="ln">{f.line}</span>')
                out.append(f"{esc(src.line_text(f.line))}</pre>")
            out.append(finding_html(f, rules))
    out.append("</section>")
    return "".join(out)


def _rules_glossary(report, rules: dict) -> str:
    codes = [c for c in report.by_code if c in rules]
    if not codes:
        return ""
    out = ['<section aria-labelledby="rules-h"><h2 id="rules-h">Rules in this report</h2><dl>']
    for code in codes:
        rule, _first, para = rules[code]
        out.append(
            f'<dt id="rule-{esc(code)}"><code>{esc(code)}</code> {esc(rule.name)}'
            f" ({esc(rule.severity.value)}, {esc(rule.family)})</dt><dd>{esc_md(para)}</dd>"
        )
    out.append("</dl></section>")
    return "".join(out)


def render(report, **_kwargs) -> str:
    rules = _rules_info()
    short = {code: (rule, first) for code, (rule, first, _p) in rules.items()}
    ctx = report.context
    by_path: dict[str, list] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    docs = list(report.documents)
    doc_paths = {d.path for d in docs}
    sections, entries = [], []
    for i, doc in enumerate(docs):
        found = by_path.get(doc.path, [])
        html, facts = render_document(i, doc, found, ctx, short)
        sections.append(html)
        entries.append((f"d{i}", doc, facts, len(found)))
    sev = report.by_severity
    sev_text = ", ".join(_plural(sev[s], s) for s in SEVERITIES if sev.get(s)) or "none"
    claims = sum(e[2].claims for e in entries)
    cited = sum(e[2].counts.get("cited", 0) for e in entries)
    overall = f"{cited}/{claims} claims cited and resolved" if claims else "no claims"
    note = ""
    if not docs and any(not p.endswith((".bib", ".bibtex")) for p in report.files):
        note = (
            '<p class="note">This report was built without the parsed documents, so it lists '
            "findings only (the command line includes them with --report html=PATH).</p>"
        )
    head = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="claimlint {esc(__version__)}">'
        f"<title>claimlint editor report: {_plural(len(report.findings), 'finding')}"
        f" in {_plural(len(report.files), 'file')}</title><style>{CSS}</style></head>"
    )
    body = [
        f"<body>{PATTERN_DEFS}<main>",
        "<h1>claimlint editor report</h1>",
        f'<p class="lead">{_plural(len(report.files), "file")} checked'
        f" ({_plural(len(docs), 'document')} shown) · {_plural(len(report.findings), 'finding')}"
        f" ({sev_text}) · {overall} · claimlint {esc(__version__)}</p>",
        note,
        '<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>',
        _legend(),
        '<h3 id="families">Findings by family and severity</h3>',
        _family_table(report),
        _rule_table(report, rules),
        '<h3 id="coverage">Citation coverage</h3>' if entries else "",
        _coverage_table(entries),
        "</section>",
        *sections,
        _other_files(by_path, doc_paths, short, ctx),
        _rules_glossary(report, rules),
        "</main></body></html>\n",
    ]
    return head + "".join(body)


__all__ = ["CSP", "analyse", "render"]
