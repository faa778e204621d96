"""The rules' cross-document memo of lexicon answers forgets what another lexicon said."""

from claimlint.rules._lexicon_memo import LexiconMemo


def test_answers_are_kept_per_lexicon_and_bounded():
    memo = LexiconMemo(3)
    first, second = object(), object()
    memo.of(first)["a"] = True
    assert memo.of(first) == {"a": True}
    assert memo.of(second) == {}  # another lexicon: nothing it did not say itself
    assert memo.of(first) == {}  # and the first one's answers are gone, not mixed back in
    answers = memo.of(first)
    answers.update(a=1, b=2, c=3)
    assert len(memo.of(first)) == 0  # full: cleared before it grows further
