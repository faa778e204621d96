"""The cross-run cache of dataclass methods (claimlint.codecache) changes speed only."""

import dataclasses
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from claimlint import codecache

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """An empty cache in a private folder; dataclasses gets its builtin exec back afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CLAIMLINT_NO_USER_CACHE", raising=False)
    monkeypatch.setattr(codecache, "_codes", {})
    monkeypatch.setattr(codecache, "_new", {})
    yield tmp_path
    vars(dataclasses).pop("exec", None)


def _forget() -> None:
    vars(dataclasses).pop("exec", None)
    codecache._codes.clear()
    codecache._new.clear()


def _make():
    """The same three classes, built afresh on each call (frozen with slots, plain with
    defaults and a factory, ordered)."""

    @dataclass(frozen=True, slots=True)
    class Span:
        start: int
        end: int = 0

    @dataclass
    class Box:
        name: str
        items: list = field(default_factory=list)
        size: "int | None" = None

    @dataclass(order=True, frozen=True)
    class Pair:
        a: int
        b: str = "x"

    return Span, Box, Pair


def _behaviour(classes) -> list:
    span, box, pair = classes
    s, b, p = span(1, 2), box("n"), pair(3)
    out = [repr(s), repr(b), repr(p), s == span(1, 2), s != span(1, 3), hash(s) == hash(span(1, 2))]
    out += [b.items == [] and b.items is not box("m").items, p < pair(4), span.__match_args__]
    out += [{k: str(v) for k, v in c.__init__.__annotations__.items()} for c in classes]
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.start = 5
    return out


def test_cached_methods_behave_like_compiled_ones(fresh):
    plain = _behaviour(_make())
    codecache.install()
    assert dataclasses.exec is codecache._exec
    first = _behaviour(_make())
    assert codecache._new  # these texts were compiled, and kept
    codecache._save()
    assert list((fresh / "claimlint").glob("code-*.marshal"))
    _forget()
    codecache.install()
    again = _behaviour(_make())
    assert codecache._new == {}  # every method came from the file
    assert plain == first == again


def test_a_damaged_file_is_ignored(fresh):
    folder = fresh / "claimlint"
    folder.mkdir()
    path = folder / os.path.basename(codecache._path())
    path.write_bytes(b"\x00garbage")
    codecache.install()
    assert _behaviour(_make()) == _behaviour(_make())
    assert codecache._new


def test_switched_off_it_installs_nothing(fresh, monkeypatch):
    monkeypatch.setenv("CLAIMLINT_NO_USER_CACHE", "1")
    codecache.install()
    assert "exec" not in vars(dataclasses)


def test_runs_with_a_cold_and_a_warm_cache_agree(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("CLAIMLINT_NO_USER_CACHE", None)
    doc = ROOT / "examples" / "bad" / "cl301-inconsistent-dose.md"
    cmd = [sys.executable, "-m", "claimlint", "check", str(doc), "--no-cache", "--format", "json"]
    runs = [subprocess.run(cmd, capture_output=True, text=True, env=env) for _ in range(2)]
    assert list((tmp_path / "claimlint").glob("code-*.marshal"))
    assert runs[0].returncode == runs[1].returncode == 1
    assert runs[0].stdout == runs[1].stdout
    assert '"CL301"' in runs[0].stdout
