"""Claims of a Markdown document: the sentences of its body prose blocks, with their markers."""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter

from claimlint import recache as rx
from claimlint.model import Claim, Span
from claimlint.parse.blocks import PROSE
from claimlint.parse.sentences import split_sentences

MIN_CLAIM_WORDS = 3
_START = attrgetter("span.start")


def markdown_claims(text, split_text, blocks, region_of, section_of, markers) -> list[Claim]:
    """Sentences of body prose blocks with their markers: a marker belongs to the last
    sentence that starts at or before it ("… daily.[^1]", "… daily. [1]").

    Sentences come from ``split_text`` (markers and hidden text blanked) and must hold a
    letter; a claim also needs ``MIN_CLAIM_WORDS`` words and must not end in "?" or ":".
    ``split_text`` differs from ``text`` only where it has blanks, so a sentence trimmed of
    whitespace in one is trimmed in the other.
    """
    by_start = sorted(markers, key=_START)
    starts = [m.span.start for m in by_start]
    out: list[Claim] = []
    append = out.append
    for bi, b in enumerate(blocks):
        if b.kind not in PROSE or region_of[bi] != "body":
            continue
        sentences = split_sentences(split_text, b.start, b.end)
        if len(sentences) == 1:  # the common case: the block's markers are the sentence's
            s, e = sentences[0]
            if not _has_letter(split_text, s, e):
                continue
            sentence = text[s:e]
            if is_claim(sentence):
                own = tuple(by_start[bisect_left(starts, b.start) : bisect_left(starts, b.end)])
                append(Claim(len(out), sentence, Span(s, e), section_of[bi], bi, own))
            continue
        rows = [(s, e) for s, e in sentences if _has_letter(split_text, s, e)]
        if not rows:
            continue
        own_of: list[list] = [[] for _ in rows]
        last = len(rows) - 1
        k = 0
        for marker in by_start[bisect_left(starts, b.start) : bisect_left(starts, b.end)]:
            at = marker.span.start
            while k < last and rows[k + 1][0] <= at:
                k += 1
            own_of[k].append(marker)
        sec = section_of[bi]
        for (s, e), own in zip(rows, own_of, strict=True):
            sentence = text[s:e]
            if is_claim(sentence):
                append(Claim(len(out), sentence, Span(s, e), sec, bi, tuple(own)))
    return out


# Every letter (str.isalpha), and a few other characters such as "²": candidates, checked.
_LETTER_LIKE = rx.compile(r"[^\W\d_]")


def _has_letter(split_text: str, s: int, e: int) -> bool:
    """Whether ``split_text[s:e]`` holds a letter (str.isalpha). The pattern looks for one in
    C, so a long sentence without any costs no Python step per character."""
    if split_text[s].isalpha():  # most sentences start with a letter
        return True
    m = _LETTER_LIKE.search(split_text, s, e)
    while m is not None and not m.group().isalpha():
        m = _LETTER_LIKE.search(split_text, m.end(), e)
    return m is not None


def is_claim(sentence: str) -> bool:
    """Enough words, and not a question or a lead-in ("… as follows:"): a claim's sentence
    (of a Markdown document or an answer page)."""
    if not sentence or sentence[-1] in "?:":
        return False
    # the split stops after the third word: enough to tell whether there are three
    return len(sentence.split(None, MIN_CLAIM_WORDS - 1)) >= MIN_CLAIM_WORDS
