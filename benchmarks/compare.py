"""Time an earlier commit against the working tree, alternately, in one sitting.

    python benchmarks/compare.py REV [--runs 9] [--only one,1k,warm,big]

On a shared machine the same command drifts by tens of percent from minute to minute, so a
before/after pair is only fair when the two are run in turn. This script checks REV out in a
git worktree under ``benchmarks/.cache/`` and runs each figure as
``python -m claimlint check … `` with ``PYTHONPATH`` set to that worktree's ``src`` (before) or
to this repository's ``src`` (after), alternating, with the same interpreter, corpus, working
folder and user cache. It prints medians and min–max of the wall time as Markdown.

Figures: ``one`` (one seed-size document, ``--no-cache``), ``1k`` (the 1,000-document corpus,
``--no-cache``, default jobs), ``warm`` (the same with the result cache, after one fill run of
each), ``big`` (the 5 MB and 10 MB documents, ``--no-cache``). ``1k`` and ``big`` use at most 3
runs each.

``--instructions`` adds, for the one document, the instructions each side executes as counted
by valgrind's callgrind (one run each, about 10 s): unlike time, the count hardly moves with the
machine's load (±0.1% here), so it shows a change of a few percent that timing cannot.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time

import run as bench


def _worktree(rev: str) -> str:
    sha = subprocess.run(
        ["git", "rev-parse", "--short", rev], cwd=bench.REPO, capture_output=True, text=True
    ).stdout.strip()
    if not sha:
        sys.exit(f"{rev}: not a commit")
    path = bench.CACHE / f"before-{sha}"
    if not path.exists():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(path), sha], cwd=bench.REPO, check=True
        )
    return str(path / "src")


def _timed(cmd: list[str], src: str, cwd) -> float:
    env = {**bench.ENV, "PYTHONPATH": src}
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _instructions(cmd: list[str], src: str, cwd) -> int | None:
    """Instructions executed by ``cmd`` under callgrind; None without valgrind."""
    grind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    env = {**bench.ENV, "PYTHONPATH": src}
    try:
        done = subprocess.run([*grind, *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        return None
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    return int(found.group(1)) if found else None


def _row(name: str, before: list[float], after: list[float]) -> str:
    def cell(v: list[float]) -> str:
        return f"{statistics.median(v):.3f} ({min(v):.3f}–{max(v):.3f})"

    ratio = statistics.median(before) / statistics.median(after)
    return f"| {name} | {len(after)} | {cell(before)} | {cell(after)} | {ratio:.2f}× |"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", help="the earlier commit")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--only", default="one,1k,warm,big")
    ap.add_argument("--instructions", action="store_true", help="also count (callgrind)")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    bench.ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    bench.ENV["PYTHONPYCACHEPREFIX"] = str(bench.CACHE / "pycache")
    bench.ENV["XDG_CACHE_HOME"] = str(bench.CACHE / "usercache")
    srcs = {"before": _worktree(args.rev), "after": str(bench.REPO / "src")}
    work = bench.CACHE / "work"
    work.mkdir(parents=True, exist_ok=True)
    k1 = bench.corpus("corpus-1k", 1000)
    check = [sys.executable, "-m", "claimlint", "check"]
    figures = []
    if "one" in only:
        figures.append(("one document", [*check, str(k1 / "00001-answer.txt"), "--no-cache"], 0))
    if "1k" in only:
        figures.append(("1,000 cold", [*check, str(k1), "--no-cache"], 3))
    if "warm" in only:
        figures.append(("1,000 warm", [*check, str(k1)], 0))
    if "big" in only:
        big = bench.corpus("big", 0, bench.BIG_MB)
        for mb in bench.BIG_MB:
            figures.append((f"{mb} MB", [*check, str(big / f"big-{mb}mb.md"), "--no-cache"], 3))
    print("# claimlint: before/after, alternating\n", *bench.machine(), sep="\n")
    print(f"- before: {args.rev} (`{srcs['before']}`); after: the working tree\n")
    print("| figure | runs | before s | after s | speed-up |\n| --- | --- | --- | --- | --- |")
    for name, cmd, cap in figures:
        runs = min(args.runs, cap) if cap else args.runs
        for src in srcs.values():  # warm-up: bytecode, user cache, result cache
            _timed(cmd, src, work)
        times: dict[str, list[float]] = {"before": [], "after": []}
        for _ in range(runs):
            for side, src in srcs.items():
                times[side].append(_timed(cmd, src, work))
        print(_row(name, times["before"], times["after"]), flush=True)
        if args.instructions and name == "one document":
            count = {side: _instructions(cmd, src, work) for side, src in srcs.items()}
            if None not in count.values():
                b, a = count["before"], count["after"]
                row = f"| {name}, instructions (millions) | 1 | {b / 1e6:.0f} | {a / 1e6:.0f} |"
                print(f"{row} {b / a:.2f}× |", flush=True)
    print(f"\ncommand: `{' '.join(check)} …` with PYTHONPATH=<before or after>/src")


if __name__ == "__main__":
    main()
