"""Citation markers in every dialect. All patterns are linear: no nested quantifiers."""

from __future__ import annotations

from claimlint import recache as rx
from claimlint.model import MalformedMarker, Marker, MarkerKind, Span

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
_CITE_IN_GROUP = rx.compile(r"(?<![\w@])(-?)@(" + _KEY + ")")
_IN_TEXT = rx.compile(r"(?<![\w@`\\])@(" + _KEY + ")")
CROSSREF_PREFIXES = ("fig:", "tbl:", "eq:", "sec:", "lst:")

# ---- footnotes --------------------------------------------------------------------------
_FOOTNOTE = rx.compile(r"\[\^([^\]\s]{1,100})\](?!:)")

# ---- answer pages: bare numbers at the end of a sentence ---------------------------------
# (a match starts only at the first blank of a run: indented lines are scanned once)
_TAIL = rx.compile(
    r"(?<![ \t\u00a0])[ \t\u00a0]+(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3}){0,30})[ \t]*\.?[ \t]*$"
)
_HEAD = rx.compile(r"(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3}){0,30})[ \t]*\.?[ \t]*$")
_TAIL_WINDOW = 160
_YEAR = rx.compile(r"(?:^|\s)(?:19|20)\d\d$")
# Words after which a number is part of the text ("type 2", "stage 3", "below 7").
COUNTER_WORDS = frozenset(
    [
        "type",
        "stage",
        "grade",
        "class",
        "phase",
        "step",
        "level",
        "tier",
        "cycle",
        "day",
        "week",
        "month",
        "year",
        "hour",
        "minute",
        "visit",
        "figure",
        "fig",
        "table",
        "chapter",
        "section",
        "appendix",
        "version",
        "number",
        "no",
        "category",
        "group",
        "arm",
        "trimester",
        "part",
        "item",
        "question",
        "lead",
        "factor",
        "score",
        "scale",
        "size",
        "gravida",
        "para",
        "covid-19",
        "below",
        "above",
        "under",
        "over",
        "than",
        "of",
        "to",
        "at",
        "by",
        "from",
        "between",
        "and",
        "or",
        "about",
        "around",
        "approximately",
        "every",
        "per",
        "x",
        "times",
        "≥",
        "≤",
        ">",
        "<",
        "=",
        "+",
        "was",
        "is",
        "were",
        "are",
        "be",
        "equal",
        "equals",
        "reaching",
        "reached",
        "dose",
    ]
)


def numeric_markers(masked: str) -> tuple[list[Marker], list[MalformedMarker]]:
    """``[1, 2-4]`` groups in Markdown (``masked`` has code and URLs blanked out)."""
    markers: list[Marker] = []
    bad: list[MalformedMarker] = []
    for m in _NUM_GROUP.finditer(masked):
        content = m.group(1)
        if not any(c.isdigit() for c in content):
            continue
        after = masked[m.end() : m.end() + 1]
        if after in ("(", ":", "["):
            continue
        group = Span(m.start(), m.end())
        base = m.start(1)
        items = content.split(",")
        pos = base
        found: list[Marker] = []
        problem = ""
        if ";" in content:
            problem = "numbers in a citation group are separated by ',' not ';'"
        for item in items:
            im = _NUM_ITEM.fullmatch(item)
            if problem or im is None:
                problem = problem or f"cannot read '{item.strip()}' as a reference number or range"
                break
            lo, hi = im.group(1), im.group(2)
            if hi is None:
                if int(lo) == 0:
                    problem = "reference numbers start at 1"
                    break
                s = pos + im.start(1)
                found.append(Marker(MarkerKind.NUMERIC, str(int(lo)), Span(s, s + len(lo)), group))
            else:
                a, b = int(lo), int(hi)
                if a == 0 or b <= a:
                    problem = f"range '{item.strip()}' does not go upward"
                    break
                if b - a > MAX_RANGE:
                    problem = f"range '{item.strip()}' spans more than {MAX_RANGE} references"
                    break
                s, e = pos + im.start(1), pos + im.end(2)
                for k in range(a, b + 1):
                    found.append(Marker(MarkerKind.NUMERIC, str(k), Span(s, e), group))
            pos += len(item) + 1
        if problem:
            bad.append(MalformedMarker(group, problem))
        else:
            markers.extend(found)
    return markers, bad


def citekey_markers(masked: str) -> tuple[list[Marker], list[MalformedMarker], list[Span]]:
    """Pandoc citations. Returns (markers, malformed groups, spans of bracketed groups)."""
    markers: list[Marker] = []
    bad: list[MalformedMarker] = []
    groups: list[Span] = []
    covered: list[tuple[int, int]] = []
    for m in _BRACKET.finditer(masked):
        content = m.group(1)
        if "@" not in content:
            continue
        group = Span(m.start(), m.end())
        base = m.start(1)
        parts = content.split(";")
        pos = base
        group_markers: list[Marker] = []
        problem = ""
        for part in parts:
            cites = [c for c in _CITE_IN_GROUP.finditer(part) if not _is_crossref(c.group(2))]
            if not cites:
                if part.strip() and not any(
                    _is_crossref(c.group(2)) for c in _CITE_IN_GROUP.finditer(part)
                ):
                    problem = problem or (
                        f"citation group item '{part.strip()[:40]}' has no '@key'"
                        " (each item needs its own '@')"
                    )
            elif len(cites) > 1 and not problem:
                problem = "citations in a group are separated by ';' not ','"
            for c in cites:
                key = c.group(2)
                if key.startswith("{"):
                    key = key[1:-1]
                s = pos + c.start(2)
                group_markers.append(
                    Marker(MarkerKind.CITEKEY, key, Span(s, pos + c.end(2)), group)
                )
            pos += len(part) + 1
        if not group_markers and not problem:
            continue  # only cross-references such as [@fig:x]
        groups.append(group)
        covered.append((group.start, group.end))
        markers.extend(group_markers)
        if problem:
            bad.append(MalformedMarker(group, problem))
    # In-text citations: @key outside bracketed groups.
    ci = 0
    for m in _IN_TEXT.finditer(masked):
        while ci < len(covered) and covered[ci][1] <= m.start():
            ci += 1
        if ci < len(covered) and covered[ci][0] <= m.start() < covered[ci][1]:
            continue
        key = m.group(1)
        if key.startswith("{"):
            key = key[1:-1]
        if _is_crossref(key):
            continue
        span = Span(m.start(1), m.end(1))
        markers.append(Marker(MarkerKind.CITEKEY, key, span, Span(m.start(), m.end())))
    markers.sort(key=lambda mk: mk.span.start)
    return markers, bad, groups


def _is_crossref(key: str) -> bool:
    return key.lower().startswith(CROSSREF_PREFIXES)


def footnote_markers(masked: str) -> list[Marker]:
    out = []
    for m in _FOOTNOTE.finditer(masked):
        out.append(
            Marker(
                MarkerKind.FOOTNOTE,
                m.group(1),
                Span(m.start(1), m.end(1)),
                Span(m.start(), m.end()),
            )
        )
    return out


def trailing_markers(text: str, start: int, end: int) -> tuple[list[Marker], int]:
    """Bare citation numbers ending the sentence ``text[start:end]`` (answer pages).

    Returns the markers and the offset where the sentence's own text ends.
    """
    found = _trailing_group(text, start, end)
    if found is None:
        return [], end
    return _markers_from(text, found[0], found[1]), found[2]


def ends_with_markers(text: str, start: int, end: int) -> bool:
    """Whether :func:`trailing_markers` finds a marker here, without building any."""
    found = _trailing_group(text, start, end)
    return found is not None and any(
        m.group(0) != "0" for m in _NUMBER.finditer(text, found[0], found[1])
    )


def _trailing_group(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(start, end) of the citation numbers ending ``text[start:end]`` and where the
    sentence's own text ends, or None."""
    window_start = max(start, end - _TAIL_WINDOW)
    window = text[window_start:end]
    m = _TAIL.search(window)
    if m is None:
        return None
    before = window[: m.start()].rstrip()
    if not before:
        return None
    last = before[-1]
    if not (last.isalpha() or last in ").%]\u201d'\"" or _YEAR.search(before)):
        return None  # "…140/90 2": a number right after a number is text (but "in 2019 1")
    if before.split()[-1].lower().strip("().,;:") in COUNTER_WORDS:
        return None
    return window_start + m.start(1), window_start + m.end(1), window_start + m.start()


def leading_markers(text: str, start: int, end: int) -> list[Marker]:
    """A sentence fragment that is only citation numbers (``doses. 1``): its markers."""
    m = _HEAD.fullmatch(text, start, end)
    if m is None:
        return []
    return _markers_from(text, m.start(1), m.end(1))


_OPENING = rx.compile(r"(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3}){0,30})[ \t]+(?=[A-Z])")


def opening_markers(text: str, start: int, end: int) -> tuple[list[Marker], int]:
    """Citation numbers opening a sentence that follows a full stop ("… cleared. 1 Doses are
    …"): they cite the sentence before. Returns the markers and where this sentence starts."""
    m = _OPENING.match(text, start, end)
    if m is None:
        return [], start
    return _markers_from(text, m.start(1), m.end(1)), m.end()


_NUMBER = rx.compile(r"\d{1,3}")


def _markers_from(text: str, s: int, e: int) -> list[Marker]:
    group = Span(s, e)
    out = []
    for nm in _NUMBER.finditer(text[s:e]):
        if nm.group(0) != "0":
            out.append(
                Marker(
                    MarkerKind.NUMERIC,
                    str(int(nm.group(0))),
                    Span(s + nm.start(), s + nm.end()),
                    group,
                )
            )
    return out
