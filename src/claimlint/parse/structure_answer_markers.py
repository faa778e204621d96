"""Answer pages' citation markers: bare numbers ending a sentence ("… twice daily 4, 2"),
standing alone after it ("… doses. 1") or opening the next one ("… cleared. 1 Doses are …").

(:mod:`claimlint.parse.markers` re-exports these with the Markdown dialects' markers.)
All patterns are linear: no nested quantifiers.
"""

from __future__ import annotations

from claimlint import recache as rx
from claimlint.model import Marker, MarkerKind, Span

# The citation numbers ending a sentence: a run of blanks (all of it), numbers, a full stop.
# Of the ways to read a sentence's end so, the one that starts leftmost counts. The pattern
# reads the end backwards, on a reversed copy, so that it is one anchored match instead of a
# search through the sentence: (reversed) blanks and a full stop, then the numbers (as many
# as possible, which is the leftmost start), then the whole run of blanks before them.
_TAIL_REVERSED = rx.compile(
    r"[ \t]*\.?[ \t]*(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3}){0,30})[ \t\u00a0]+(?![ \t\u00a0])"
)
_HEAD = rx.compile(r"(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3}){0,30})[ \t]*\.?[ \t]*$")
_TAIL_WINDOW = 160
_YEAR = rx.compile(r"(?:^|\s)(?:19|20)\d\d$")
# Words after which a number is part of the text ("type 2", "stage 3", "below 7").
COUNTER_WORDS = frozenset(  # one string, split: 80 words on 5 lines instead of 80 lines
    "type stage grade class phase step level tier cycle day week month year hour minute visit "  # noqa: SIM905
    "figure fig table chapter section appendix version number no category group arm trimester "
    "part item question lead factor score scale size gravida para covid-19 below above under "
    "over than of to at by from between and or about around approximately every per x times ≥ "
    "≤ > < = + was is were are be equal equals reaching reached dose".split()
)


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
    if found is None:
        return False
    if "0" not in text[found[0] : found[1]]:
        return True  # (no number there is "0")
    return any(m.group(0) != "0" for m in _NUMBER.finditer(text, found[0], found[1]))


def _trailing_group(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(start, end) of the citation numbers ending ``text[start:end]`` and where the
    sentence's own text ends, or None. The search looks at the last ``_TAIL_WINDOW``
    characters only, as if they were the whole text."""
    # A quick test first: with its blanks and full stop (and a final newline, which "$" lets
    # through) taken off, the text ends in a digit.
    tail = text[max(start, end - 16) : end]
    if tail.endswith("\n"):
        tail = tail[:-1]
    tail = tail.rstrip(" \t")
    if tail.endswith("."):
        tail = tail[:-1].rstrip(" \t")
    if tail and not tail[-1].isdecimal():
        return None
    window_start = max(start, end - _TAIL_WINDOW)
    window = text[window_start:end]
    if window.endswith("\n"):
        window = window[:-1]  # ("$" lets a final newline through)
    m = _TAIL_REVERSED.match(window[::-1])
    if m is None:
        return None
    stop = window_start + len(window)  # offsets in the reversed copy count back from here
    at, numbers, numbers_end = stop - m.end(), stop - m.end(1), stop - m.start(1)
    before = text[window_start:at].rstrip()
    if not before:
        return None
    last = before[-1]
    if not (last.isalpha() or last in ").%]\u201d'\"" or _YEAR.search(before)):
        return None  # "…140/90 2": a number right after a number is text (but "in 2019 1")
    if before.rsplit(None, 1)[-1].lower().strip("().,;:") in COUNTER_WORDS:
        return None
    return numbers, numbers_end, at


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
    """The markers of the citation numbers ``text[s:e]`` (one group); "0" cites nothing."""
    group = Span(s, e)
    numbers = text[s:e]
    if numbers.isdecimal():  # one number, the common case (the group's span is its span)
        if numbers == "0":
            return []
        return [Marker(MarkerKind.NUMERIC, str(int(numbers)), group, group)]
    out = []
    for nm in _NUMBER.finditer(numbers):
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
