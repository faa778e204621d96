"""One document of the editor report: its text with claims marked by status and findings beside
their line, then its references and how each resolves. Doses are in ``html_doses``."""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise

from claimlint.formatters.html_charts import coverage_bar, esc, esc_md
from claimlint.formatters.html_doses import render_doses
from claimlint.formatters.html_status import (
    STATUS_HELP,
    STATUS_LABEL,
    STATUS_ORDER,
    DocFacts,
    DoseFlag,
    analyse,
    dose_flags,
)

SEVERITY_LABEL = {"error": "✖ error", "warning": "▲ warning", "info": "ℹ info"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def badge(status: str) -> str:
    return f'<span class="badge {status}">{esc(STATUS_LABEL[status])}</span>'


def coverage_text(facts: DocFacts) -> str:
    if not facts.claims:
        return "no claims"
    ok = facts.counts.get("cited", 0)
    return f"{ok}/{facts.claims} ({round(100 * ok / facts.claims)}%)"


def finding_html(f, rules: dict, anchor: str | None = None) -> str:
    """A finding: severity, code, rule name, place, message, what the rule does, related
    locations (links into the document when ``anchor`` names it)."""
    sev = f.severity.value
    info = rules.get(f.code)
    code = (
        f'<a href="#rule-{esc(f.code)}"><code>{esc(f.code)}</code></a>'
        if info
        else f"<code>{esc(f.code)}</code>"
    )
    out = [
        f'<div class="finding sev-{esc(sev)}">'
        f'<p class="fh"><span class="sev">{esc(SEVERITY_LABEL.get(sev, sev))}</span> {code}'
        f' <span class="rn">{esc(f.name)}</span>'
        f' <span class="at">· line {f.line}, col {f.column}</span></p>'
        f'<p class="fm">{esc(f.message)}</p>'
    ]
    if info and info[1]:
        out.append(f'<p class="fw">{esc_md(info[1])}</p>')
    if anchor and f.code.startswith("CL3"):
        out.append(f'<p class="fw"><a href="#{anchor}-doses">See the dose chart</a></p>')
    if f.related:
        out.append('<ul class="rel">')
        for r in f.related:
            if anchor and r.path == f.path:
                where = f'<a href="#{anchor}-L{r.line}">line {r.line}, col {r.column}</a>'
            else:
                where = esc(f"{r.path}:{r.line}:{r.column}")
            msg = f": {esc(r.message)}" if r.message else ""
            out.append(f"<li>{where}{msg}</li>")
        out.append("</ul>")
    out.append("</div>")
    return "".join(out)


def _intervals(items):
    items = sorted(items)
    return items, [it[0] for it in items]


def _covering(items, starts, pos):
    """The interval (start, end, …) containing ``pos`` among sorted, disjoint intervals."""
    k = bisect_left(starts, pos + 1) - 1
    if k >= 0 and items[k][0] <= pos < items[k][1]:
        return items[k]
    return None


def _dose_label(flag: DoseFlag) -> str:
    parts = ["⚠ conflict"] if flag.conflict else []
    if flag.above_max:
        parts.append("▲ above max")
    return " ".join(parts)


def _text_rows(
    anchor: str, doc, facts: DocFacts, flags: dict, by_line: dict, rules: dict
) -> list[str]:
    text = doc.text
    claims, c_starts = _intervals(
        (c.span.start, c.span.end, facts.claim_status[i]) for i, c in enumerate(doc.claims)
    )
    markers, m_starts = _intervals(
        (m.span.start, m.span.end, facts.marker_status.get(m.span.start, "cited"))
        for m in doc.markers
    )
    doses, d_starts = _intervals(
        (m.span.start, m.span.end, flags[m.span.start])
        for m in doc.dose_mentions
        if m.span.start in flags
    )
    cuts_all = sorted({p for iv in (*claims, *markers, *doses) for p in iv[:2]})
    starts = doc.source.line_starts
    rows = []
    for n, ls in enumerate(starts, 1):
        le = starts[n] - 1 if n < len(starts) else len(text)
        lo, hi = bisect_left(cuts_all, ls), bisect_left(cuts_all, le)
        cuts = [ls, *cuts_all[lo:hi], le]
        pieces = []
        for a, b in pairwise(cuts):
            if a >= b:
                continue
            chunk = esc(text[a:b])
            claim = _covering(claims, c_starts, a)
            marker = _covering(markers, m_starts, a)
            if marker is not None:
                chunk = f'<span class="mk {marker[2]}">{chunk}</span>'
            dose = _covering(doses, d_starts, a)
            if dose is not None:
                chunk = f'<span class="dz">{chunk}</span>'
                if dose[0] == a:
                    chunk = f'<span class="badge dz">{esc(_dose_label(dose[2]))}</span>{chunk}'
            if claim is not None:
                lead = badge(claim[2]) if claim[0] == a else ""
                chunk = f'{lead}<mark class="c {claim[2]}">{chunk}</mark>'
            pieces.append(chunk)
        found = by_line.get(n)
        cls = "row hf" if found else "row" if le > ls else "row e"
        row = f'<div class="{cls}" id="{anchor}-L{n}"><span class="ln">{n}</span>'
        row += f'<div class="tx">{"".join(pieces)}</div>'
        if found:
            row += '<div class="fs">' + "".join(finding_html(f, rules, anchor) for f in found)
            row += "</div>"
        rows.append(row + "</div>")
    return rows


def _references(anchor: str, facts: DocFacts) -> str:
    out = []
    if facts.references:
        out.append(
            '<table class="refs"><caption>Reference list entries and their bibliography match'
            '</caption><thead><tr><th scope="col">Ref</th><th scope="col">Entry</th>'
            '<th scope="col">Cited</th><th scope="col">Resolution</th></tr></thead><tbody>'
        )
        for r in facts.references:
            out.append(
                f'<tr><th scope="row"><a href="#{anchor}-L{r.line}">{esc(r.label)}</a></th>'
                f"<td>{esc(r.text)}</td><td>{_uses(r.uses)}</td><td>{_resolution(r)}</td></tr>"
            )
        out.append("</tbody></table>")
    if facts.citekeys:
        out.append(
            '<table class="refs"><caption>Bibliography keys cited in the text</caption><thead>'
            '<tr><th scope="col">Key</th><th scope="col">Cited</th>'
            '<th scope="col">Resolution</th></tr></thead><tbody>'
        )
        for r in facts.citekeys:
            out.append(
                f'<tr><th scope="row"><code>{esc(r.label)}</code></th><td>{_uses(r.uses)}</td>'
                f"<td>{_resolution(r)}</td></tr>"
            )
        out.append("</tbody></table>")
    if not out:
        return "<p>The document has no reference list and cites no bibliography keys.</p>"
    return "".join(out)


def _uses(n: int) -> str:
    return f"{n}×" if n else '<span class="res bad">0 — never cited</span>'


def _resolution(r) -> str:
    if r.ok is None:
        return f'<span class="res none">– {esc(r.detail)}</span>'
    if r.ok:
        return f'<span class="res ok">✓ {esc(r.detail)}</span>'
    return f'<span class="res bad">✗ {esc(r.detail)}</span>'


def render_document(i: int, doc, findings: list, ctx, rules: dict) -> tuple[str, DocFacts]:
    anchor = f"d{i}"
    facts = analyse(doc, ctx)
    flags = dose_flags(doc, findings)
    by_line: dict[int, list] = {}
    loose = []
    for f in findings:
        if 1 <= f.line <= doc.source.line_count:
            by_line.setdefault(f.line, []).append(f)
        else:
            loose.append(f)
    counts = " · ".join(
        f"{badge(s)} {facts.counts[s]}" for s in STATUS_ORDER if facts.counts.get(s)
    )
    sev: dict[str, int] = {}
    for f in findings:
        sev[f.severity.value] = sev.get(f.severity.value, 0) + 1
    sev_text = ", ".join(f"{n} {s}" for s, n in sev.items()) or "none"
    title = f" — {esc(doc.title)}" if doc.title else ""
    out = [
        f'<section class="doc" id="{anchor}" aria-labelledby="{anchor}-h">'
        f'<h2 id="{anchor}-h"><span class="path">{esc(doc.path)}</span>{title}</h2>'
        f'<p class="meta">{esc(doc.dialect)} dialect ·'
        f" {_plural(len(findings), 'finding')} ({sev_text}) ·"
        f" citation coverage {coverage_text(facts)} {coverage_bar(facts.counts, facts.claims)}"
        f"</p>",
        f'<p class="legend">{counts or "no claims"}</p>' if facts.claims else "",
        f'<h3 id="{anchor}-text">Text, claims and findings</h3>',
    ]
    if loose:
        out.append('<div class="loose">')
        out.extend(finding_html(f, rules, anchor) for f in loose)
        out.append("</div>")
    out.append('<div class="text">')
    out.extend(_text_rows(anchor, doc, facts, flags, by_line, rules))
    out.append("</div>")
    out.append(f'<h3 id="{anchor}-refs">References</h3>')
    out.append(_references(anchor, facts))
    out.append(render_doses(anchor, doc, flags, ctx))
    out.append("</section>")
    return "".join(out), facts


__all__ = ["STATUS_HELP", "badge", "coverage_text", "finding_html", "render_document"]
