"""Cheap literal gates in front of the dose patterns, checked once per claim.

Most dose patterns look for cue words ("study", "renal", "orally", "maximum") that most claims
do not contain, and a failing ``re`` search still walks every position of its text. A
:class:`Gate` lists literals at least one of which every match of its pattern contains, so when
none occurs in the claim the search is skipped: a gate only skips searches that cannot match,
it never changes a result.

Why a literal found by a pattern is found here:

- Every string a dose pattern reads (segment, head, tail, scan window, …) is a slice of the
  claim or a copy with closed parentheses blanked to spaces, so a run of non-space characters
  it matches occurs in the claim at the same place. (A pattern's lower-case twin reads the same
  strings of an ASCII claim lower-cased, and matches where the pattern itself would.)
- The literals contain no whitespace, so such an occurrence lies inside one whitespace-free
  token of the claim (``str.split()``).
- ``words`` are lowercase and stand for case-insensitive (``re.I``) text: they are looked for
  in the token lowercased after mapping the only characters ``re.I`` equates with an ASCII
  letter but ``str.lower`` does not ("İ", "ı", "ſ"; "K" already lowers to "k"). ``cased``
  literals stand for case-sensitive branches and are looked for in the token as written.

A distinct token's gates (a bit mask) are worked out once per process; a claim's mask is the
union over its tokens, so a gate costs one bit test.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

_BY_START: dict[str, list[tuple[str, int]]] = {}  # first two characters -> (literal, gates)
_SINGLE: dict[str, int] = {}  # one-character literal -> gates
_CASED: list[tuple[str, int]] = []
_TOKEN_MASKS: dict[str, int] = {}
_MAX_TOKENS = 50_000
_gates = 0


class Gate:
    """Literals one of which every match of a pattern contains (see the module docstring)."""

    __slots__ = ("bit",)

    def __init__(self, words: str, cased: str = "") -> None:
        """``words``, ``cased``: the literals, separated by spaces (none contains a space)."""
        global _gates
        self.bit = 1 << _gates
        _gates += 1
        for w in words.split():
            if w != w.lower():
                raise ValueError(f"a gate word is lower case: {w!r}")
            if len(w) == 1:
                _SINGLE[w] = _SINGLE.get(w, 0) | self.bit
            else:
                _BY_START.setdefault(w[:2], []).append((w, self.bit))
        for w in cased.split():
            _CASED.append((w, self.bit))
        _TOKEN_MASKS.clear()


def _token_mask(token: str) -> int:
    """The gates one of whose literals ``token`` contains; remembered for the next claims."""
    mask = 0
    for literal, bits in _CASED:
        if literal in token:
            mask |= bits
    low = token
    if not low.isascii():  # re.I matches these to i, i, s; lower() does not
        low = low.replace("\u0130", "i").replace("\u0131", "i").replace("\u017f", "s")
    low = low.lower()
    for i in range(len(low)):
        mask |= _SINGLE.get(low[i], 0)
        for literal, bits in _BY_START.get(low[i : i + 2], ()):
            if low.startswith(literal, i):
                mask |= bits
    if len(_TOKEN_MASKS) >= _MAX_TOKENS:
        _TOKEN_MASKS.clear()
    _TOKEN_MASKS[token] = mask
    return mask


class Cues:
    """One claim's gates: ``cues(GATE)`` is False only when the gated pattern cannot match
    anything read from this claim."""

    __slots__ = ("mask",)

    def __init__(self, text: str) -> None:
        tokens = text.split()
        masks = set(map(_TOKEN_MASKS.get, tokens))  # most tokens open no gate: few distinct
        if None in masks:
            known = _TOKEN_MASKS
            masks = {known[t] if t in known else _token_mask(t) for t in tokens}
        self.mask = reduce(or_, masks, 0)

    def __call__(self, gate: Gate) -> bool:
        return self.mask & gate.bit != 0


class _Open:
    """Cues that pass every gate (a caller that has no claim text to check)."""

    __slots__ = ()
    mask = -1  # every bit set

    def __call__(self, gate: Gate) -> bool:
        return True


OPEN = _Open()
