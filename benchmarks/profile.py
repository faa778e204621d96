"""Profile claimlint with cProfile and print the top entries by cumulative and by own time.

    python benchmarks/profile.py [--top 15] [--only one,1k]

Profiles ``claimlint check FILE --no-cache`` on one seed-size document and
``claimlint check CORPUS --no-cache --jobs 1`` on the 1,000-document corpus (one job, so the
work happens in the profiled process). Each runs as ``python -m cProfile -o OUT -m claimlint``
from the repository root; the .prof files stay in ``benchmarks/.cache/`` for snakeviz or pstats.
(This file is named like the stdlib ``profile`` module that cProfile imports, so it never
imports cProfile itself: the profiling happens in a subprocess started from the repo root.)
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

import generate

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
# As in run.py: use (and warm) bytecode even when the shell sets PYTHONDONTWRITEBYTECODE.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")


def profile(name: str, args: list[str], top: int) -> str:
    out = CACHE / f"profile-{name}.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "claimlint", *args]
    warm = [sys.executable, "-m", "claimlint", *args]
    subprocess.run(warm, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, check=False)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    shown = " ".join(a.replace(str(REPO) + "/", "") for a in ["python", *cmd[1:]])
    parts = [f"### {name}: `{shown}` ({wall:.2f} s under the profiler)\n"]
    for key, where in (("cumulative", ""), ("tottime", ""), ("cumulative", "/claimlint/")):
        buf = io.StringIO()
        stats = pstats.Stats(str(out), stream=buf)
        if not where:
            stats.strip_dirs()
        stats.sort_stats(key).print_stats(where or top, *([top] if where else []))
        body = buf.getvalue().replace(str(REPO) + "/", "")
        table = body[body.index("   ncalls") :].rstrip()
        label = f"Top {top} by {key}" + (", claimlint's own functions" if where else "")
        parts.append(f"{label}:\n\n```\n{table}\n```\n")
    raw = pstats.Stats(str(out)).stats  # (file, line, name) -> (cc, nc, tottime, cumtime, ...)
    regex = sum(
        v[3] for k, v in raw.items() if k[0].endswith("re/__init__.py") and k[2] == "_compile"
    )
    parts.append(f"Regex compilation (re._compile, cumulative): {regex:.3f} s.\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--only", default="one,1k")
    args = ap.parse_args(argv)
    corpus = CACHE / "corpus-1k"
    if not (corpus / "manifest.json").exists():
        generate.generate(corpus, 1000)
    one = corpus / "00001-answer.txt"
    jobs = {
        "one": ["check", str(one), "--no-cache"],
        "1k": ["check", str(corpus), "--no-cache", "--jobs", "1"],
    }
    for name in args.only.split(","):
        print(profile(name, jobs[name], args.top))


if __name__ == "__main__":
    main()
