"""Citation markers in every dialect (the answer pages' bare numbers come from
:mod:`claimlint.parse.structure_answer_markers`). All patterns are linear: no nested
quantifiers."""

from __future__ import annotations

from claimlint import recache as rx
from claimlint.model import MalformedMarker, Marker, MarkerKind, Span
from claimlint.parse.structure_answer_markers import (
    COUNTER_WORDS,
    ends_with_markers,
    leading_markers,
    opening_markers,
    trailing_markers,
)

__all__ = [  # the answer pages' markers are kept in their own module
    "COUNTER_WORDS",
    "citekey_groups",
    "citekey_markers",
    "ends_with_markers",
    "footnote_groups",
    "footnote_markers",
    "leading_markers",
    "numeric_groups",
    "numeric_markers",
    "opening_markers",
    "trailing_markers",
]

DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"  # for use inside [...]
MAX_RANGE = 100  # [1-100] expands; a longer range is almost certainly a typo

# ---- numeric: [1], [1, 3], [2-4], [1–3, 5] ---------------------------------------------
_NUM_GROUP = rx.compile(r"\[([0-9 \t,;" + DASHES + r"]{1,2000})\]")
_NUM_ITEM = rx.compile(r"\s*(\d{1,4})\s*(?:[" + DASHES + r"]\s*(\d{1,4})\s*)?")

# ---- pandoc / Manubot ------------------------------------------------------------------
# pandoc's citation key: starts with an alphanumeric or _, then alphanumerics, _ and internal
# punctuation (followed by an alphanumeric); ":" and "/" may also precede "/" (url:https://…).
_KEY = r"(?:\{[^{}\n]{1,500}\}|\w(?:\w|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*+)"
_BRACKET = rx.compile(r"\[([^\[\]\n]{0,4000})\](?!\()")
# Both open with a literal and check the character before "@" in a lookbehind after it, so
# the engine skips to the next "@" (or "-") in C instead of trying every character.
_CITE_IN_GROUP = rx.compile(r"(?:-(?<![\w@]-)@|@(?<![\w@]@))(" + _KEY + ")")  # optional "-"
_IN_TEXT = rx.compile(r"@(?<![\w@`\\]@)(" + _KEY + ")")
CROSSREF_PREFIXES = ("fig:", "tbl:", "eq:", "sec:", "lst:")

# ---- footnotes --------------------------------------------------------------------------
_FOOTNOTE = rx.compile(r"\[\^([^\]\s]{1,100})\](?!:)")


def numeric_markers(masked: str) -> tuple[list[Marker], list[MalformedMarker]]:
    """``[1, 2-4]`` groups in Markdown (``masked`` has code and URLs blanked out)."""
    markers, bad, _groups = numeric_groups(masked)
    return markers, bad


_NUM_PUNCT = " \t,;-\u2010\u2011\u2012\u2013\u2014\u2212"  # a numeric group's non-digits


def numeric_groups(masked: str) -> tuple[list[Marker], list[MalformedMarker], list[tuple]]:
    """:func:`numeric_markers`, and the ``(start, end)`` of every group that yielded markers
    or a problem (what sentence splitting must not see)."""
    markers: list[Marker] = []
    bad: list[MalformedMarker] = []
    groups: list[tuple[int, int]] = []
    numeric = MarkerKind.NUMERIC
    for m in _NUM_GROUP.finditer(masked):
        content = m.group(1)
        if not content.strip(_NUM_PUNCT):
            continue  # no digit
        start, end = m.span()
        if masked[end : end + 1] in ("(", ":", "["):
            continue
        group = Span(start, end)
        groups.append((start, end))
        if content.isdigit():  # "[12]", the common case: one number, nothing to split
            if len(content) > 4:
                problem = f"cannot read '{content}' as a reference number or range"
                bad.append(MalformedMarker(group, problem))
            elif int(content) == 0:
                bad.append(MalformedMarker(group, "reference numbers start at 1"))
            else:
                markers.append(Marker(numeric, str(int(content)), Span(start + 1, end - 1), group))
            continue
        found, problem = _numeric_items(content, start + 1, group)
        if problem:
            bad.append(MalformedMarker(group, problem))
        else:
            markers.extend(found)
    return markers, bad, groups


def _numeric_items(content: str, base: int, group: Span) -> tuple[list[Marker], str]:
    """The markers of a group's ``content`` (starting at offset ``base``), or a problem."""
    if ";" in content:
        return [], "numbers in a citation group are separated by ',' not ';'"
    pos = base
    found: list[Marker] = []
    for item in content.split(","):
        im = _NUM_ITEM.fullmatch(item)
        if im is None:
            return [], f"cannot read '{item.strip()}' as a reference number or range"
        lo, hi = im.group(1), im.group(2)
        if hi is None:
            if int(lo) == 0:
                return [], "reference numbers start at 1"
            s = pos + im.start(1)
            found.append(Marker(MarkerKind.NUMERIC, str(int(lo)), Span(s, s + len(lo)), group))
        else:
            a, b = int(lo), int(hi)
            if a == 0 or b <= a:
                return [], f"range '{item.strip()}' does not go upward"
            if b - a > MAX_RANGE:
                return [], f"range '{item.strip()}' spans more than {MAX_RANGE} references"
            span = Span(pos + im.start(1), pos + im.end(2))
            found.extend(Marker(MarkerKind.NUMERIC, str(k), span, group) for k in range(a, b + 1))
        pos += len(item) + 1
    return found, ""


def citekey_markers(masked: str) -> tuple[list[Marker], list[MalformedMarker], list[Span]]:
    """Pandoc citations. Returns (markers, malformed groups, spans of bracketed groups)."""
    markers, bad, groups, _in_text = _citekeys(masked)
    return markers, bad, groups


def citekey_groups(masked: str) -> tuple[list[Marker], list[MalformedMarker], list[tuple]]:
    """:func:`citekey_markers` with the ``(start, end)`` of every bracketed group and in-text
    citation instead of the groups' spans (what sentence splitting must not see)."""
    markers, bad, groups, in_text = _citekeys(masked)
    in_text.extend((g.start, g.end) for g in groups)
    return markers, bad, in_text


def _citekeys(masked: str):
    markers: list[Marker] = []
    bad: list[MalformedMarker] = []
    groups: list[Span] = []
    in_text: list[tuple[int, int]] = []
    if "@" not in masked:  # every pattern below needs one
        return markers, bad, groups, in_text
    citekey = MarkerKind.CITEKEY
    covered: list[tuple[int, int]] = []
    covered_at = 0  # how many "@" the covered groups hold
    for m in _BRACKET.finditer(masked):
        content = m.group(1)
        if "@" not in content:
            continue
        start, end = m.span()
        group = Span(start, end)
        pos = start + 1
        group_markers: list[Marker] = []
        problem = ""
        for part in content.split(";") if ";" in content else (content,):
            cites = [c for c in _CITE_IN_GROUP.finditer(part) if not _is_crossref(c.group(1))]
            if not cites:
                # (no "@key" at all, rather than only cross-references such as @fig:x)
                if part.strip() and _CITE_IN_GROUP.search(part) is None:
                    problem = problem or (
                        f"citation group item '{part.strip()[:40]}' has no '@key'"
                        " (each item needs its own '@')"
                    )
            elif len(cites) > 1 and not problem:
                problem = "citations in a group are separated by ';' not ','"
            for c in cites:
                key = c.group(1)
                if key[0] == "{":
                    key = key[1:-1]
                s, e = c.span(1)
                group_markers.append(Marker(citekey, key, Span(pos + s, pos + e), group))
            pos += len(part) + 1
        if not group_markers and not problem:
            continue  # only cross-references such as [@fig:x]
        groups.append(group)
        covered.append((start, end))
        covered_at += content.count("@")
        markers.extend(group_markers)
        if problem:
            bad.append(MalformedMarker(group, problem))
    # In-text citations: @key outside bracketed groups (a match starts at its "@": none when
    # the groups hold every "@" of the text).
    if covered_at == masked.count("@"):
        return markers, bad, groups, in_text
    ci = 0
    n_covered = len(covered)
    in_group = len(markers)
    for m in _IN_TEXT.finditer(masked):
        at = m.start()
        while ci < n_covered and covered[ci][1] <= at:
            ci += 1
        if ci < n_covered and covered[ci][0] <= at:
            continue
        key = m.group(1)
        if key[0] == "{":
            key = key[1:-1]
        if _is_crossref(key):
            continue
        end = m.end()
        markers.append(Marker(citekey, key, Span(m.start(1), end), Span(at, end)))
        in_text.append((at, end))
    if in_group < len(markers):  # in-text citations come after the groups' markers
        markers.sort(key=_span_start)
    return markers, bad, groups, in_text


def _span_start(marker: Marker) -> int:
    return marker.span.start


def _is_crossref(key: str) -> bool:
    return ":" in key and key.lower().startswith(CROSSREF_PREFIXES)  # every prefix has a ":"


def footnote_markers(masked: str) -> list[Marker]:
    return footnote_groups(masked)[0]


def footnote_groups(masked: str) -> tuple[list[Marker], list[tuple[int, int]]]:
    """``[^label]`` markers and the ``(start, end)`` of each (what sentence splitting must not
    see)."""
    out = []
    spans = []
    if "[^" not in masked:
        return out, spans
    footnote = MarkerKind.FOOTNOTE
    for m in _FOOTNOTE.finditer(masked):
        start, end = m.span()
        out.append(Marker(footnote, m.group(1), Span(start + 2, end - 1), Span(start, end)))
        spans.append((start, end))
    return out, spans
