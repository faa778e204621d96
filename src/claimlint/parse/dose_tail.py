"""What the words around one amount say: where its tail ends, and the frequency, divided doses,
route and duration read from that tail, with a "loading dose of" or "daily dose of" just before
the amount (see :func:`claimlint.parse.doses.extract_doses`).

Nearly every claim is ASCII. For those the caller passes the claim lower-cased, and

- the tail's first stop is found with two patterns that each open with a character class
  (``re`` then jumps from candidate to candidate instead of trying every position), which
  between them find exactly where :data:`TAIL_STOP` would first match;
- frequency and duration are read with their lower-case twins, which need no case folding;
- :data:`BEFORE` is searched only when the words before the amount end in one of
  :data:`BEFORE_ENDS` or hold "daily" and "dose", "total" or "amount", which every match of
  it needs (the caller checks, :func:`claimlint.parse.doses.extract_doses`).

Each shortcut gives what the general pattern gives (tests/test_dose_tail.py compares them).
"""

from __future__ import annotations

import re

from claimlint import recache as rx
from claimlint.parse import dose_course as C
from claimlint.parse import dose_frequency as F
from claimlint.parse import dose_grammar as G
from claimlint.parse.dose_cues import Gate
from claimlint.parse.dose_grammar import Amount

# Cues just before an amount that say how often it is given or what it is per.
BEFORE = rx.compile(
    r"(?:\b(?P<loading>loading(?:\s+dose)?)|\b(?P<single>single(?:\s+dose)?|one[\s\u2010-]time"
    r"(?:\s+dose)?|stat(?:\s+dose)?)|\b(?P<daily>(?:total\s+)?daily\s+(?:dose|total|amount)"
    r"(?:\s+(?:of|is))?(?:\s+[^\s\d]+){0,2}))(?:\s+of)?\s*$",
    re.I,
)
BEFORE_GATE = Gate("loading single time stat daily")  # "one-time": "time"
# A BEFORE match ends in one of these words (then perhaps " of" and spaces), or holds "daily"
# and then "dose", "total" or "amount".
BEFORE_ENDS = ("loading", "dose", "single", "time", "stat", "of")
TAIL_STOP = rx.compile(
    r"[;:]|,\s|\.(?=\s+[A-Z]|\s*$)|\s[\u2013\u2014-]\s|\b(?:then|followed\s+by|but|while|"
    r"whereas|if|unless|when)\b",
    re.I,
)
# TAIL_STOP on a lower-cased ASCII claim (no en or em dash; [A-Z] is [a-z]) as two patterns that
# each open with a character class, so ``re`` skips from candidate to candidate: punctuation or
# " - " (found at its dash, the stop starting one before), and the words, each opening with
# its first letter and then looking back for the word start.
_STOP_MARK = rx.compile(r"[;:,.-](?:(?<=[;:])|(?<=,)\s|(?<=\.)(?=\s+[a-z]|\s*$)|(?<=\s-)\s)")
_STOP_WORD = rx.compile(
    r"(?:t(?<!\wt)hen|f(?<!\wf)ollowed\s+by|b(?<!\wb)ut|w(?<!\ww)h(?:ile|ereas|en)|"
    r"i(?<!\wi)f|u(?<!\wu)nless)\b"
)


def tail_stop(scan: str, low: str | None, start: int, end: int) -> int:
    """Where the first :data:`TAIL_STOP` match in ``scan[start:end]`` starts, or -1.

    ``low``: ``scan.lower()`` when ``scan`` is ASCII, else None."""
    if low is None:
        m = TAIL_STOP.search(scan, start, end)
        return -1 if m is None else m.start()
    best = end
    m = _STOP_MARK.search(low, start, end)
    if m is not None:
        best = m.start()
        if low[best] == "-":  # " - ": the stop is the space before the dash
            best -= 1
            if best < start:  # that space is before the tail: look on
                m = _STOP_MARK.search(low, start + 1, end)
                best = end if m is None else m.start() - (low[m.start()] == "-")
    # No word match runs across a stop (a mark, or a space before a dash), so none that starts
    # before ``best`` needs the text after it.
    m = _STOP_WORD.search(low, start, best)
    if m is not None:
        best = m.start()
    return best if best < end else -1


def read_tail(
    scan: str,
    lower: str | None,
    freq_lower: str | None,
    a: Amount,
    tail_end: int,
    segment: str,
    may_before: bool,
    gates: tuple,
) -> tuple:
    """The fields of a mention read from its tail and the words before it: (end, per,
    frequency, times_per_day, per_day_low, per_day_high, route, duration_days).

    ``scan`` is the text the tail is read from (the claim with asides blanked); ``lower``:
    ``scan.lower()`` when it is ASCII, ``freq_lower`` the same when it also holds none of
    :data:`~claimlint.parse.dose_frequency.CASED` (else None); ``segment``:
    the words before the amount; ``may_before``: whether BEFORE may match the segment;
    ``gates``: the claim's cues for DIVIDED, ROUTE and DURATION."""
    may_divide, has_route, may_last = gates
    start = a.end
    freq = F.frequency_of(scan, start, tail_end, freq_lower)  # (label, low, high, start, end)
    per = a.per
    before = BEFORE.search(segment[-60:]) if may_before else None
    if before is not None and before.group("daily"):
        if per == "dose":
            per = "day"
    elif before is not None:
        label = "loading dose" if before.group("loading") else "single dose"
        freq = (label, None, None, start, start)
    if freq is None:
        label = tpd_lo = tpd_hi = None
        end = start
    else:
        label, tpd_lo, tpd_hi, _, end = freq
        end = max(start, end)
    if may_divide:
        div_start, div_end, div_lo, div_hi = F.find_divided(scan, start, tail_end)
        if div_start >= 0:
            if per == "dose":
                per = "day"
            if div_lo is not None:
                tpd_lo, tpd_hi = div_lo, div_hi
                n = f"{div_lo:g}" if div_lo == div_hi else f"{div_lo:g}-{div_hi:g}"
                label = f"in {n} divided doses"
            elif tpd_hi is None:
                label = "in divided doses"
            end = max(end, div_end)
    if label is None and per != "dose":
        if per == "day":
            label = "per day"
        elif per in ("hour", "minute", "week"):
            label = f"per {per}"
    if per == "dose":
        pd_lo = None if tpd_lo is None else G.rounded(a.low * tpd_lo, 6)
        pd_hi = None if tpd_hi is None else G.rounded(a.high * tpd_hi, 6)
    else:
        factor = G.PER_TO_DAY[per]
        pd_lo, pd_hi = G.rounded(a.low * factor, 6), G.rounded(a.high * factor, 6)
    route = None
    if has_route:
        routes = C.find_routes(scan, start, tail_end)
        route = routes.pop() if len(routes) == 1 else _route_before(scan, a)
    duration = C.find_duration(scan, start, tail_end, lower)[2] if may_last else None
    return end, per, label, tpd_hi, pd_lo, pd_hi, route, duration


def _route_before(text: str, a: Amount) -> str | None:
    """A route written just before the amount ("IV remdesivir 200 mg", "oral prednisone 40 mg")."""
    start = max(0, a.start - 40)
    routes = C.find_routes(text, start, a.start)
    return routes.pop() if len(routes) == 1 else None
