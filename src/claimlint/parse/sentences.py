"""Sentence splitting over a block, on a masked copy of the text (markers and code blanked)."""

from __future__ import annotations

from claimlint import recache as rx

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before
# whitespace and then something that can start a sentence. A match starts only at the first
# mark of a run ("....."), so a long run is scanned once, not once per mark.
_END = rx.compile(
    r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de•])"
)
_ABBREV = frozenset(
    [
        "e.g",
        "i.e",
        "vs",
        "etc",
        "al",
        "approx",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "no",
        "fig",
        "figs",
        "eq",
        "cf",
        "ca",
        "inc",
        "ltd",
        "jr",
        "sr",
        "resp",
        "ref",
        "refs",
        "vol",
        "pp",
        "p",
        "viz",
        "incl",
        "max",
        "min",
        "wk",
        "wks",
        "yr",
        "yrs",
        "mo",
        "mos",
        "hr",
        "hrs",
    ]
)


def split_sentences(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``masked[start:end]``, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _END.finditer(masked, start, end):
        word_start = masked.rfind(" ", cur, m.start()) + 1
        word = masked[max(word_start, cur) : m.start()].lower().lstrip("([\"'")
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        spans.append((cur, m.end()))
        cur = m.end()
    spans.append((cur, end))
    out = []
    for s, e in spans:
        while s < e and masked[s].isspace():
            s += 1
        while e > s and masked[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
