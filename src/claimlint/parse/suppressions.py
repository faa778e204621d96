"""Inline suppression comments: ``<!-- claimlint-disable-next-line CL101 -- reason -->``."""

from __future__ import annotations

from claimlint import recache as rx
from claimlint.model import Span, Suppression

_COMMENT = rx.compile(
    r"<!--[ \t]*claimlint-(disable-next-line|disable-line|disable-file|disable|enable)"
    r"\b([^\n>]{0,500}?)[ \t]*-->"
)
_CODE = rx.compile(r"[A-Za-z][\w-]*")


def find_suppressions(text: str) -> list[Suppression]:
    if "claimlint-" not in text:
        return []
    out = []
    for m in _COMMENT.finditer(text):
        body = m.group(2)
        reason = ""
        if " -- " in f" {body} ":
            body, _, reason = f" {body} ".partition(" -- ")
        codes = tuple(_CODE.findall(body.replace(",", " ")))
        out.append(Suppression(m.group(1), codes, Span(m.start(), m.end()), reason.strip()))
    return out
