"""``path:line:col: CODE [severity] message (rule-name)`` and a summary line."""

from __future__ import annotations


def render(report, statistics: bool = False, **_kwargs) -> str:
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity.value}] {f.message} ({f.name})"
        for f in report.findings
    ]
    if statistics and report.findings:
        lines.append("")
        names = {f.code: f.name for f in report.findings}
        for code, count in report.by_code.items():
            lines.append(f"{count:6d}  {code}  {names[code]}")
    n = len(report.findings)
    files = len(report.files)
    if n:
        sev = report.by_severity
        parts = [_count(sev[s], s) for s in ("error", "warning", "info") if sev.get(s)]
        lines.append(
            f"Found {n} finding{'s' if n != 1 else ''} ({', '.join(parts)}) in {files} "
            f"file{'s' if files != 1 else ''}."
        )
    else:
        lines.append(f"All clear: {files} file{'s' if files != 1 else ''} checked, no findings.")
    return "\n".join(lines) + "\n"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
