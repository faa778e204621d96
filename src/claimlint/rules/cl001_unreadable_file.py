"""A file that cannot be read or decoded as text.

## What it does
Reports a document that cannot be opened, is a directory, is binary, or is not valid UTF-8
(UTF-8 with a byte-order mark and UTF-16 with a byte-order mark are read). The finding points
at the first undecodable byte. The run goes on with the other files.

## Why is this bad?
A document claimlint cannot read is a document nobody has checked: its citations and doses
are unverified, and a corrupted file may also be unreadable for its readers.

## Example
A file saved in Latin-1 containing `é` as the single byte 0xE9.

## Use instead
Save the document as UTF-8.
"""

from __future__ import annotations

from claimlint.findings import Finding, Severity
from claimlint.registry import Rule


def check(doc, ctx, opts):
    """The runner reports this rule while reading files; a parsed document has been read."""
    return ()


def unreadable(path: str, reason: str, line: int = 1, column: int = 1) -> Finding:
    return Finding(
        path, line, column, line, column, RULE.code, RULE.name, RULE.severity, f"file {reason}"
    )


RULE = Rule(
    code="CL001",
    name="unreadable-file",
    summary="File cannot be read or decoded as text",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__,
    scope="file",
)
