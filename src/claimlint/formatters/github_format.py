"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding,
which the runner turns into annotations on the pull request's diff. Nothing else is printed."""

from __future__ import annotations

from claimlint.fingerprint import normalize_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f) -> str:
    """The workflow command for one finding.

    Columns are given only for single-line findings: the runner rejects ``col``/``endColumn``
    when ``line`` and ``endLine`` differ.
    """
    props = [("file", normalize_path(f.path))]
    if f.line >= 1:
        props.append(("line", str(f.line)))
        end_line = max(f.end_line, f.line)
        if end_line == f.line:
            if f.column >= 1:
                props.append(("col", str(f.column)))
            props.append(("endLine", str(end_line)))
            if f.end_column >= f.column >= 1:
                props.append(("endColumn", str(f.end_column)))
        else:
            props.append(("endLine", str(end_line)))
    props.append(("title", f"{f.code} ({f.name})"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[f.severity.value]} {joined}::{escape_data(f.message)}"


def render(report, **_kwargs) -> str:
    return "".join(command(f) + "\n" for f in report.findings)
