"""Run data kept across runs (claimlint.datacache): reused while its inputs are unchanged,
rebuilt when one changes, never keeping a failed build."""

import pytest

from claimlint import datacache


@pytest.fixture
def cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CLAIMLINT_NO_USER_CACHE", raising=False)
    return tmp_path / "home" / "claimlint"


class Table:
    def __init__(self, rows, shared=None):
        self.rows = rows
        self.shared = shared


def _counting(rows, shared=None):
    calls = []

    def build():
        calls.append(1)
        return Table(rows, shared)

    return build, calls


def test_reused_while_inputs_are_unchanged_and_rebuilt_after_a_change(cache_home, tmp_path):
    source = tmp_path / "table.toml"
    source.write_text("a = 1\n", encoding="utf-8")
    build, calls = _counting([1, 2])
    assert datacache.load("t", [source], build).rows == [1, 2]
    assert datacache.load("t", [source], build).rows == [1, 2]
    assert len(calls) == 1
    source.write_text("a = 22\n", encoding="utf-8")  # another size (and time)
    datacache.load("t", [source], build)
    assert len(calls) == 2


def test_the_shared_object_is_stored_by_reference(cache_home, tmp_path):
    lexicon = object()
    build, calls = _counting(["x"], shared=lexicon)
    datacache.load("s", [], build, lexicon)
    again = datacache.load("s", [], build, lexicon)
    assert len(calls) == 1 and again.shared is lexicon


def test_a_failed_build_is_not_kept(cache_home):
    def broken():
        raise ValueError("pack.toml:3: bad")

    for _ in range(2):
        with pytest.raises(ValueError, match=r"pack\.toml:3"):
            datacache.load("b", [], broken)


def test_a_corrupt_file_is_rebuilt(cache_home):
    build, calls = _counting([3])
    datacache.load("c", [], build)
    for path in cache_home.glob("data-c-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert datacache.load("c", [], build).rows == [3]
    assert len(calls) == 2


def test_switched_off_it_always_builds(cache_home, monkeypatch):
    monkeypatch.setenv("CLAIMLINT_NO_USER_CACHE", "1")
    build, calls = _counting([4])
    datacache.load("o", [], build)
    datacache.load("o", [], build)
    assert len(calls) == 2 and not cache_home.exists()


def test_context_data_loads_the_same_from_the_cache(cache_home):
    from claimlint.context import Context

    first, second = Context(), Context()
    for ctx in (first, second):
        assert ctx.dose_limits._lexicon is ctx.lexicon  # one lexicon, not a copy
    assert second.lexicon.drugs == first.lexicon.drugs
    assert [e.id for e in second.packs.entries] == [e.id for e in first.packs.entries]
    assert len(list(cache_home.glob("data-*.pickle"))) == 3


def test_an_answer_page_is_parsed_with_the_lexicon_it_is_given(monkeypatch):
    """Not with a second copy loaded from the TOML table (which cost ~40 ms per process)."""
    import claimlint.lexicon as L
    from claimlint.context import Context
    from claimlint.parse import parse_document

    lexicon = Context().lexicon
    monkeypatch.setattr(L, "load_lexicon", lambda *a: pytest.fail("lexicon loaded again"))
    text = "Sciatica\n\nAnswer\n\nStart naproxen 500 mg twice daily for pain. 1\n\n"
    text += "References\n\n1. A.\n"
    doc = parse_document("a.txt", text, "answer", lexicon=lexicon)
    assert doc.dialect == "answer" and doc.claims


def test_an_unusable_cache_folder_only_costs_time(monkeypatch, tmp_path):
    from claimlint import recache

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(recache, "_entries", None)
    monkeypatch.setattr(recache, "_new", {})
    build, calls = _counting([5])
    assert datacache.load("u", [], build).rows == [5]
    assert datacache.load("u", [], build).rows == [5]
    assert len(calls) == 2  # nothing could be kept, nothing raised
    assert recache.compile(r"b+c").fullmatch("bbc")
    recache._save()
    assert blocker.read_text(encoding="utf-8") == "x"
