"""Inline SVG for the editor report: citation-coverage bars and per-drug dose charts.

Every string that reaches the SVG goes through ``esc``; numbers are formatted here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape

from claimlint.formatters.html_status import STATUS_LABEL, STATUS_ORDER

# Fills per claim status; the hatched ones do not rely on colour (print, colour blindness).
STATUS_FILL = {
    "cited": "#1e7b45",
    "dangling": "url(#pat-dangling)",
    "unverified": "#8a8f98",
    "uncited": "url(#pat-uncited)",
}
BAR = "#2563eb"
CONFLICT = "#d9480f"
LIMIT = "#7f1d1d"


def esc(value) -> str:
    return escape(str(value), quote=True)


def esc_md(text: str) -> str:
    """Escape, then show a rule doc's `code` and *emphasis* as <code> and <em> (the tags are
    added to already-escaped text, so nothing from the input can form markup)."""
    out = _CODE.sub(r"<code>\1</code>", esc(text))
    return _EM.sub(r"<em>\1</em>", out)


_CODE = re.compile(r"`([^`<>]{1,200})`")
_EM = re.compile(r"(?<![\w*])\*([^*<>\s][^*<>]{0,200}?)\*(?![\w*])")


def num(x: float) -> str:
    """12, 0.5, 1,200 (no exponent, at most 2 decimals)."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def amount(low: float, high: float, unit: str) -> str:
    if abs(low - high) < 1e-9:
        return f"{num(low)} {unit}"
    return f"{num(low)}–{num(high)} {unit}"


PATTERN_DEFS = (
    '<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>'
    '<pattern id="pat-uncited" width="6" height="6" patternUnits="userSpaceOnUse"'
    ' patternTransform="rotate(45)"><rect width="6" height="6" fill="#b42318"/>'
    '<rect width="2" height="6" fill="#fbd5d0"/></pattern>'
    '<pattern id="pat-dangling" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#b7791f"/><circle cx="3" cy="3" r="1.3" fill="#fff4d6"/>'
    "</pattern></defs></svg>"
)


def coverage_bar(counts, total: int, width: int = 180) -> str:
    """A stacked bar of claims by status; its <title> says the numbers in words."""
    if total <= 0:
        return ""
    parts = [f"{counts.get(s, 0)} {STATUS_LABEL[s][2:]}" for s in STATUS_ORDER if counts.get(s)]
    words = f"{total} claims: " + ", ".join(parts)
    out = [
        f'<svg class="bar" width="{width}" height="14" viewBox="0 0 {width} 14" role="img"'
        f' aria-label="{esc(words)}"><title>{esc(words)}</title>'
        f'<rect width="{width}" height="14" fill="#eef0f3"/>'
    ]
    x = 0.0
    for status in STATUS_ORDER:
        n = counts.get(status, 0)
        if not n:
            continue
        w = width * n / total
        out.append(f'<rect x="{x:.1f}" width="{w:.1f}" height="14" fill="{STATUS_FILL[status]}"/>')
        x += w
    out.append(f'<rect width="{width}" height="14" fill="none" stroke="#4b5563"/></svg>')
    return "".join(out)


@dataclass(frozen=True)
class DoseRow:
    label: str  # "Dose Review · line 13"
    low: float | None  # daily amount in the chart's unit, None when there is none
    high: float | None
    value: str  # "300–600 mg/day", or the amount as written when there is no daily amount
    conflict: bool = False
    conflict_lines: tuple[int, ...] = ()
    above_max: bool = False
    note: str = ""  # role, when it is not a plain recommendation


@dataclass(frozen=True)
class LimitLine:
    value: float  # in the chart's unit
    label: str  # "max 600 mg/day (oral)"


def _ticks(top: float) -> list[float]:
    raw = top / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return [i * step for i in range(int(top / step) + 1)]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def conflict_text(row: DoseRow) -> str:
    if not row.conflict:
        return ""
    shown = [str(n) for n in row.conflict_lines[:3]]
    lines = ", ".join(shown) + (", …" if len(row.conflict_lines) > 3 else "")
    return f"⚠ conflict (vs line {lines})" if lines else "⚠ conflict"


def dose_chart(uid: str, title: str, unit: str, rows: list[DoseRow], limits) -> str:
    """One row per mention: its daily range as a bar (or a dot), labelled; limits as vertical
    dashed lines; conflicting mentions in a distinct colour, bold, labelled "conflict"."""
    width, left, right, row_h = 1000, 310, 620, 30
    top = 30 + 16 * max(len(limits) - 1, 0)
    height = top + row_h * len(rows) + 24
    values = [v for r in rows for v in (r.low, r.high) if v is not None]
    values += [lim.value for lim in limits]
    scale_top = max(values) * 1.08 if values and max(values) > 0 else 1.0
    ticks = _ticks(scale_top)
    scale_top = max(scale_top, ticks[-1])

    def x(v: float) -> float:
        return left + (right - left) * v / scale_top

    n_conf = sum(r.conflict for r in rows)
    desc = f"{len(rows)} mentions in {unit}"
    if limits:
        desc += "; " + "; ".join(lim.label for lim in limits)
    if n_conf:
        desc += f"; {n_conf} in conflict"
    out = [
        f'<svg class="dose-chart" viewBox="0 0 {width} {height}" role="img"'
        f' aria-labelledby="{uid}-t {uid}-d" font-size="13">'
        f'<title id="{uid}-t">{esc(title)}</title><desc id="{uid}-d">{esc(desc)}</desc>'
    ]
    bottom = top + row_h * len(rows)
    for t in ticks:
        out.append(
            f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top - 4}" y2="{bottom}"'
            ' stroke="#d9dde3"/>'
            f'<text x="{x(t):.1f}" y="{bottom + 16}" text-anchor="middle"'
            f' fill="#374151">{esc(num(t))}</text>'
        )
    out.append(f'<text x="{right + 14}" y="{bottom + 16}" fill="#374151">{esc(unit)}</text>')
    for i, row in enumerate(rows):
        y = top + i * row_h
        mid = y + row_h / 2
        full_label = f"{row.label} · {row.note}" if row.note else row.label
        label = _short(full_label, 44)
        g_title = f"{full_label}: {row.value}"
        if row.conflict:
            g_title += " — " + conflict_text(row)
        cls = "row conflict" if row.conflict else "row"
        out.append(f'<g class="{cls}"><title>{esc(g_title)}</title>')
        if row.conflict:
            out.append(
                f'<rect x="0" y="{y + 1}" width="{width}" height="{row_h - 2}" fill="#fff0e6"'
                f' stroke="{CONFLICT}" stroke-dasharray="4 3"/>'
            )
        weight = ' font-weight="700"' if row.conflict else ""
        out.append(f'<text x="8" y="{mid + 4:.1f}" fill="#111827"{weight}>{esc(label)}</text>')
        colour = CONFLICT if row.conflict else BAR
        if row.low is not None and row.high is not None:
            x0, x1 = x(row.low), x(row.high)
            if x1 - x0 < 3:
                out.append(
                    f'<circle cx="{x0:.1f}" cy="{mid:.1f}" r="6" fill="{colour}" stroke="#111827"/>'
                )
            else:
                out.append(
                    f'<rect x="{x0:.1f}" y="{mid - 6:.1f}" width="{x1 - x0:.1f}" height="12"'
                    f' rx="3" fill="{colour}" stroke="#111827"/>'
                )
        else:
            out.append(
                f'<text x="{left}" y="{mid + 4:.1f}" fill="#4b5563" font-style="italic">'
                "no daily amount</text>"
            )
        out.append(
            f'<text x="{right + 14}" y="{mid + 4:.1f}" fill="#111827"{weight}>'
            f"{esc(_short(row.value, 22))}</text>"
        )
        flags = [conflict_text(row)] if row.conflict else []
        if row.above_max:
            flags.append("▲ above max")
        if flags:
            out.append(
                f'<text class="flag" x="{right + 166}" y="{mid + 4:.1f}" fill="#9a3412"'
                f' font-weight="700">{esc("  ".join(flags))}</text>'
            )
        out.append("</g>")
    for k, lim in enumerate(limits):
        lx = x(lim.value)
        anchor = "end" if lx > right - 60 else "middle"
        out.append(
            f'<line class="limit" x1="{lx:.1f}" x2="{lx:.1f}" y1="{top - 8 - 16 * k}"'
            f' y2="{bottom + 4}" stroke="{LIMIT}" stroke-width="2.5" stroke-dasharray="7 4"/>'
            f'<text x="{lx + (6 if anchor == "end" else 0):.1f}" y="{top - 12 - 16 * k}"'
            f' text-anchor="{anchor}" fill="{LIMIT}" font-weight="700">{esc(lim.label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
