"""Answers that depend only on the lexicon, kept across the documents of a run.

A lexicon is read-only once loaded, so whether a drug falls under a class, or whether an advice
entry forbids a name, is the same in every document; rules that ask it for the same few hundred
names in document after document keep the answers here. A rule stays a pure function of the
document: the memo only saves repeating work.
"""

from __future__ import annotations


class LexiconMemo:
    """A dict of answers for one lexicon at a time: forgotten when another lexicon is asked
    for, and cleared when it reaches ``max_entries``."""

    __slots__ = ("_answers", "_lexicon", "_max")

    def __init__(self, max_entries: int) -> None:
        self._lexicon = None
        self._answers: dict = {}
        self._max = max_entries

    def of(self, lexicon) -> dict:
        """The answers for ``lexicon`` (a dict the caller reads and fills)."""
        if self._lexicon is not lexicon:
            self._lexicon, self._answers = lexicon, {}
        elif len(self._answers) >= self._max:
            self._answers.clear()
        return self._answers
