"""The doses part of a document in the editor report: per drug, a chart of every mention's
normalized daily range by section, the labelled maximum, conflicts marked; and a table."""

from __future__ import annotations

from claimlint.formatters.html_charts import (
    DoseRow,
    LimitLine,
    amount,
    conflict_text,
    dose_chart,
    esc,
)
from claimlint.formatters.html_status import DoseFlag
from claimlint.model import DoseRole


def _limits_table(ctx):
    """The run's dose limits, or None when the report has no context."""
    if ctx is None:
        return None
    try:
        return ctx.dose_limits
    except ImportError:  # a build without the dose-limit table: charts without a maximum
        return None


def _limit_lines(limits, drug: str, mentions, unit: str, basis: str) -> tuple[list, list[str]]:
    """Vertical lines for the labelled maxima (one per distinct route), converted to the
    chart's unit; and notes for limits that cannot be drawn on this chart."""
    from claimlint.parse.dose_grammar import mass_factor

    if limits is None:
        return [], []
    lines: dict[float, LimitLine] = {}
    notes: list[str] = []
    routes = list(dict.fromkeys(m.route for m in mentions))
    for route in routes:
        limit = limits.for_drug(drug, route)
        if limit is None:
            continue
        described = limit.describe()
        if (getattr(limit, "basis", "") or "") != basis:
            notes.append(f"the labelled maximum ({described}) is stated per another basis")
            continue
        value = float(limit.max_per_day)
        if limit.unit != unit:
            have, want = mass_factor(limit.unit), mass_factor(unit)
            if have is None or want is None:
                notes.append(f"the labelled maximum ({described}) is in another unit")
                continue
            value = value * have / want
        lines.setdefault(round(value, 6), LimitLine(value, f"max {described}"))
    return list(lines.values()), list(dict.fromkeys(notes))


def _row(doc, m, flag: DoseFlag | None, unit_label: str) -> DoseRow:
    line = doc.source.position(m.span.start)[0]
    section = doc.section_title(m.section) or "(top of document)"
    written = " ".join(m.text.split())
    if m.per_day_low is not None and m.per_day_high is not None:
        low, high, value = (
            m.per_day_low,
            m.per_day_high,
            amount(m.per_day_low, m.per_day_high, unit_label),
        )
    else:
        low = high = None
        value = written
    note = "" if m.role is DoseRole.RECOMMENDED else m.role.value
    if m.population:
        note = f"{note}, {m.population}" if note else m.population
    flag = flag or DoseFlag()
    return DoseRow(
        label=f"line {line} · {section}",
        low=low,
        high=high,
        value=value,
        conflict=flag.conflict,
        conflict_lines=flag.conflict_lines,
        above_max=flag.above_max,
        note=note,
    )


def render_doses(anchor: str, doc, flags: dict[int, DoseFlag], ctx) -> str:
    by_drug = doc.doses_by_drug
    if not by_drug:
        return ""
    limits = _limits_table(ctx)
    out = [f'<h3 id="{anchor}-doses">Doses</h3>']
    for d, (drug, mentions) in enumerate(by_drug.items()):
        out.append(f'<h4 id="{anchor}-drug{d}">{esc(drug)}</h4>')
        groups: dict[tuple[str, str], list] = {}
        for m in mentions:
            groups.setdefault((m.unit, m.basis), []).append(m)
        for g, ((unit, basis), group) in enumerate(groups.items()):
            unit_label = f"{unit}{basis}/day"
            rows = [_row(doc, m, flags.get(m.span.start), unit_label) for m in group]
            lines, notes = _limit_lines(limits, drug, group, unit, basis)
            n_conf = sum(r.conflict for r in rows)
            caption = f"{drug}: daily dose of each mention, in {unit_label}"
            out.append('<figure class="chart">')
            out.append(dose_chart(f"{anchor}-c{d}-{g}", caption, unit_label, rows, lines))
            summary = [f"{len(rows)} mention{'s' if len(rows) != 1 else ''}"]
            if lines:
                summary.append("dashed line: " + "; ".join(line.label for line in lines))
            elif not notes:
                summary.append("no labelled maximum on file for this drug")
            summary.extend(notes)
            if n_conf:
                summary.append(f"⚠ {n_conf} in conflict (CL301), drawn in orange")
            out.append(f"<figcaption>{esc(' · '.join(summary))}</figcaption></figure>")
            out.append(_table(doc, group, rows))
    return "".join(out)


def _table(doc, group, rows: list[DoseRow]) -> str:
    out = [
        '<table class="doses"><thead><tr><th scope="col">Line</th><th scope="col">Section</th>'
        '<th scope="col">As written</th><th scope="col">Daily amount</th>'
        '<th scope="col">Role</th><th scope="col">Flag</th></tr></thead><tbody>'
    ]
    for m, row in zip(group, rows, strict=True):
        line = doc.source.position(m.span.start)[0]
        flags = [conflict_text(row)] if row.conflict else []
        if row.above_max:
            flags.append("▲ above max")
        cls = ' class="conflict"' if row.conflict else ""
        daily = row.value if row.low is not None else "—"
        out.append(
            f'<tr{cls}><th scope="row">{line}</th>'
            f"<td>{esc(doc.section_title(m.section) or '(top of document)')}</td>"
            f"<td>{esc(' '.join(m.text.split()))}</td><td>{esc(daily)}</td>"
            f"<td>{esc(row.note or 'recommended')}</td><td>{esc('  '.join(flags))}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)
