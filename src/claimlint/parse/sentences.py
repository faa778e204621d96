"""Sentence splitting over a block, on a masked copy of the text (markers and code blanked)."""

from __future__ import annotations

from claimlint import recache as rx

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before
# whitespace and then something that can start a sentence. A match starts only at the first
# mark of a run ("....."), so a long run is scanned once, not once per mark. The pattern opens
# with the mark itself (the run check follows as a lookbehind) so that the engine skips ahead
# to the next mark in C instead of trying the pattern at every character.
_END = rx.compile(
    r"[.!?](?<![.!?][.!?])[.!?]*+[\"'\u201d\u2019)\]]*+"
    r"(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de•])"
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
    piece = masked[start:end]
    kept = piece.strip()
    if not kept:
        return []
    # A sentence ends at a mark with text after it, so a block whose only marks (if any) are
    # its last character is one sentence: most blocks, which skip the pattern's search.
    last = len(kept) - 1
    first = None
    find = kept.find
    if find(".", 0, last) >= 0 or find("!", 0, last) >= 0 or find("?", 0, last) >= 0:
        first = _END.search(masked, start, end)
    if first is None:  # one sentence: no loop, one slice
        if piece[0].isspace():
            start += piece.find(kept[0])
        return [(start, start + len(kept))]
    out: list[tuple[int, int]] = []
    cur = start
    rfind = masked.rfind
    for m in _END.finditer(masked, first.start(), end):
        ms, me = m.span()
        word = masked[max(rfind(" ", cur, ms) + 1, cur) : ms].lower().lstrip("([\"'")
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        _trimmed(masked, cur, me, out)
        cur = me
    return _trimmed(masked, cur, end, out)


def _trimmed(masked: str, s: int, e: int, out: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Append ``(s, e)`` without surrounding whitespace (when anything is left) to ``out``."""
    piece = masked[s:e]
    kept = piece.strip()
    if kept:
        s += piece.find(kept[0]) if piece[0].isspace() else 0
        out.append((s, s + len(kept)))
    return out
