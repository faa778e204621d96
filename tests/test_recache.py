"""The cross-run regex cache (claimlint.recache) changes speed only, never behaviour."""

import re
import subprocess
import sys

import pytest

from claimlint import recache


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """An empty cache in a private folder, forgotten by the module afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CLAIMLINT_NO_USER_CACHE", raising=False)
    monkeypatch.setattr(recache, "_entries", None)
    monkeypatch.setattr(recache, "_new", {})
    return tmp_path


PATTERNS = [
    (r"(?P<lo>\d+(?:\.\d+)?)\s*(?:-|to)\s*(?P<hi>\d+)\s*(?P<unit>mg|mcg|g)\b", re.I),
    (r"\b(?:do not|don't|never)\s+(\w+)", 0),
    (r"(?<![\w.])\d{1,3}(?:\s*,\s*\d{1,3}){0,9}$", re.M),
    (r"[^\W\d_]+|\d+", 0),
    (r"^\s*#{1,6}\s+(?P<title>.+?)\s*#*\s*$", re.M | re.S),
]
TEXTS = ["Pregabalin 75 to 150 MG twice daily", "Do not use opioids; don't stop", "x 1, 2, 3", ""]


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (
        b.pattern,
        b.flags,
        b.groups,
        b.groupindex,
    )
    for text in TEXTS:
        assert [(*m.groups(), m.span()) for m in a.finditer(text)] == [
            (*m.groups(), m.span()) for m in b.finditer(text)
        ]


def test_cached_patterns_behave_like_re(fresh):
    first = [recache.compile(p, f) for p, f in PATTERNS]
    recache._save()
    files = list((fresh / "claimlint").glob("regex-*.marshal"))
    assert len(files) == 1
    recache._entries, recache._new = None, {}
    again = [recache.compile(p, f) for p, f in PATTERNS]
    assert recache._new == {}  # every one came from the file
    for (p, f), a, b in zip(PATTERNS, first, again, strict=True):
        _same(a, re.compile(p, f))
        _same(b, re.compile(p, f))


def test_a_damaged_file_is_ignored_and_rewritten(fresh):
    folder = fresh / "claimlint"
    recache.compile("a+b", 0)
    recache._save()
    (path,) = folder.glob("regex-*.marshal")
    path.write_bytes(b"\x00garbage")
    recache._entries, recache._new = None, {}
    _same(recache.compile("a+b", 0), re.compile("a+b"))
    recache._save()
    recache._entries, recache._new = None, {}
    recache.compile("a+b", 0)
    assert recache._new == {}


def test_an_entry_the_engine_rejects_is_compiled_afresh(fresh):
    recache._entries = {("a+b", 0): (32, b"\xff\xff\x00\x00" * 3, 0, {}, (None,))}
    _same(recache.compile("a+b", 0), re.compile("a+b"))


def test_switched_off_it_writes_nothing(fresh, monkeypatch):
    monkeypatch.setenv("CLAIMLINT_NO_USER_CACHE", "1")
    _same(recache.compile("x(y)", 0), re.compile("x(y)"))
    recache._save()
    assert not (fresh / "claimlint").exists()


def test_every_project_pattern_matches_re_exactly(tmp_path):
    """All patterns a real run compiles, taken from the file that run wrote."""
    import marshal

    from conftest import EXAMPLES

    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for _ in range(2):
        subprocess.run(
            [sys.executable, "-m", "claimlint", "check", "--no-cache", str(EXAMPLES / "good")],
            env=env,
            capture_output=True,
            check=False,
            timeout=120,
        )
    (path,) = (tmp_path / "claimlint").glob("regex-*.marshal")
    entries = marshal.loads(path.read_bytes())
    assert len(entries) > 100
    for (pattern, flags), args in entries.items():
        # the stored engine code is exactly what compiling afresh gives, and loads like re's
        assert recache._compile_args(pattern, flags) == args, pattern
        ours = recache._engine().compile(pattern, *recache._unpack(args))
        ref = re.compile(pattern, flags)
        assert (ours.flags, ours.groups, ours.groupindex) == (ref.flags, ref.groups, ref.groupindex)
