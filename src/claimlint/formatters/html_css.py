"""The editor report's stylesheet (inline; no fonts or images are loaded)."""

CSS = """
:root{--ink:#1a1d23;--muted:#4b5563;--line:#d0d5dd;--ok:#14532d;--ok-bg:#e3f4e8;
--bad:#8b1a12;--bad-bg:#fde7e4;--warn:#6b4200;--warn-bg:#fff1cc;--unv:#374151;--unv-bg:#eceef2;
--conf:#9a3412;--conf-bg:#fff0e6}
*{box-sizing:border-box}
html{color:var(--ink);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",
Roboto,"Noto Sans","DejaVu Sans",sans-serif}
body{margin:0}
main{max-width:1400px;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.7rem;margin:.4rem 0}
h2{font-size:1.3rem;margin:2rem 0 .5rem;padding-top:.6rem;border-top:3px solid var(--ink)}
h3{font-size:1.08rem;margin:1.3rem 0 .4rem}
h4{font-size:1rem;margin:1rem 0 .3rem;text-transform:capitalize}
a{color:#1d4ed8}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.92em}
.lead{font-size:1.05rem;color:var(--muted);margin:.2rem 0 1rem}
.note{background:var(--warn-bg);padding:.5rem .8rem;border-left:4px solid var(--warn)}
.path{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.95em;
overflow-wrap:anywhere}
table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.2rem 0;color:var(--muted)}
th,td{border:1px solid var(--line);padding:.25rem .55rem;text-align:left;vertical-align:top}
thead th{background:#f3f4f6}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total{font-weight:700}
table.cov th[scope=row]{max-width:32rem;overflow-wrap:anywhere;font-weight:400}
td.covcell{white-space:nowrap;font-variant-numeric:tabular-nums}
svg.bar{vertical-align:middle;margin-right:.35rem}
svg.defs{position:absolute}
.badge{display:inline-block;font-size:.72rem;font-weight:700;line-height:1.2;
padding:0 .3rem;margin-right:.2rem;border-radius:3px;border:1px solid;white-space:nowrap;
vertical-align:.08em}
.badge.cited{color:var(--ok);background:var(--ok-bg);border-color:var(--ok)}
.badge.uncited{color:var(--bad);background:var(--bad-bg);border-color:var(--bad)}
.badge.dangling{color:var(--warn);background:var(--warn-bg);border-color:var(--warn)}
.badge.unverified{color:var(--unv);background:var(--unv-bg);border-color:var(--unv)}
mark.c{color:inherit}
mark.cited{background:var(--ok-bg)}
mark.uncited{background:var(--bad-bg);text-decoration:underline dotted var(--bad)}
mark.dangling{background:var(--warn-bg)}
mark.unverified{background:var(--unv-bg)}
.mk.dangling{font-weight:700;color:var(--bad);text-decoration:underline wavy var(--bad)}
.mk.cited{font-weight:600;color:var(--ok)}
.dz{outline:2px dashed var(--conf);outline-offset:1px;font-weight:700;color:var(--conf)}
.badge.dz{outline:0;color:#fff;background:var(--conf);border-color:var(--conf);margin-left:.15rem}
.meta{color:var(--muted);margin:.2rem 0}
.legend{margin:.2rem 0 .6rem}
.legend-list{list-style:none;padding:0;margin:.3rem 0}
.howto{background:#f8f9fb;border:1px solid var(--line);padding:.4rem .8rem;margin:.5rem 0}
.howto summary{font-weight:600;cursor:default}
.text{border:1px solid var(--line);border-radius:4px}
.row{display:grid;grid-template-columns:3.2rem minmax(0,1fr) minmax(0,25rem);
border-top:1px solid #eef0f3;min-height:1.5em}
.row:first-child{border-top:0}
.row.e{min-height:.6em;line-height:.6em;font-size:.7rem}
.row.hf{background:#fffaf3}
.ln{color:#6b7280;text-align:right;padding:0 .6rem 0 0;font-variant-numeric:tabular-nums;
font-size:.82rem;padding-top:.1rem;user-select:none}
.tx{white-space:pre-wrap;overflow-wrap:anywhere;padding:0 .6rem 0 0;grid-column:2}
.fs{grid-column:3;padding:.2rem .4rem;border-left:1px solid var(--line)}
.finding{border:1px solid var(--line);border-left:5px solid var(--muted);
background:#fff;padding:.3rem .5rem;margin:.15rem 0 .35rem;font-size:.86rem;
break-inside:avoid}
.finding p{margin:.1rem 0}
.finding.sev-error{border-left-color:#b42318}
.finding.sev-warning{border-left-color:#b7791f}
.finding.sev-info{border-left-color:#1d4ed8}
.sev{font-weight:700}
.sev-error .sev{color:#8b1a12}
.sev-warning .sev{color:#6b4200}
.sev-info .sev{color:#1e3a8a}
.rn,.at{color:var(--muted)}
.fm{font-weight:600}
.fw{color:var(--muted);font-size:.92em}
.rel{margin:.1rem 0;padding-left:1.1rem}
.loose{margin:.3rem 0}
.res.ok{color:var(--ok)}
.res.bad{color:var(--bad);font-weight:600}
.res.none{color:var(--muted)}
table.refs td:nth-child(2){max-width:44rem}
figure.chart{margin:.5rem 0;max-width:1000px}
svg.dose-chart{width:100%;height:auto;display:block;font-family:inherit}
figcaption{color:var(--muted);font-size:.9rem}
tr.conflict td,tr.conflict th{background:var(--conf-bg);color:var(--conf);font-weight:700}
pre.src{white-space:pre-wrap;overflow-wrap:anywhere;background:#f8f9fb;padding:.3rem .5rem;
margin:.4rem 0 .2rem;border:1px solid var(--line)}
dt{font-weight:600;margin-top:.5rem}
dd{margin:.1rem 0 .4rem 1.2rem}
@media screen{section.doc{content-visibility:auto;contain-intrinsic-size:auto 1600px}}
@media (max-width:900px){.row{grid-template-columns:2.6rem minmax(0,1fr)}
.fs{grid-column:2;border-left:0}}
@media print{
html{font-size:10.5pt}
main{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
section.doc{break-before:page}
h2,h3,h4{break-after:avoid}
.row{grid-template-columns:2.4rem minmax(0,1fr);break-inside:avoid}
.fs{grid-column:2;border-left:0;padding-left:0}
.row.hf{background:none}
figure.chart,table{break-inside:avoid}
.howto{border:0;padding:0}
}
"""
