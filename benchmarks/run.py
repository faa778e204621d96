"""Time claimlint as a user runs it: whole processes, median and range of N runs, peak memory.

    python benchmarks/run.py [--runs N] [--only NAMES] [--compare] [--json OUT]

Run it with the project's venv python (``.venv/bin/python benchmarks/run.py``): the commands
use the ``claimlint`` console script next to that interpreter. Corpora are generated (once,
deterministically) under ``benchmarks/.cache/``. The output is Markdown: figures, not pass/fail.
Peak RSS is ``ru_maxrss`` from ``os.wait4`` (the largest single process, workers included) and,
for runs that may use worker processes, the largest sum over the process tree sampled every
0.2 s. CPU is user + system time of the process and its workers: on a busy machine it moves
less than wall time, so both are shown.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import generate

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
SEED_PAGE = Path("/work/shared/seeds/000_9d0893084c627329.txt")
BIG_MB = (5, 10)
FIGURES = ("one", "seed", "1k", "10k", "big", "import")
HEAVY = ("pyparsing", "markdown_it", "bibtexparser", "rapidfuzz")
PAGE = os.sysconf("SC_PAGE_SIZE")
# Installed packages have their .pyc files; a shell with PYTHONDONTWRITEBYTECODE=1 recompiles
# every module on every run (about 0.15 s for claimlint). Timed runs therefore write bytecode to
# a private prefix, warmed once before the figures (--as-is keeps the environment unchanged).
ENV = dict(os.environ)


@dataclass
class Run:
    wall: float
    cpu: float
    maxrss_mb: float
    tree_mb: float
    rc: int


@dataclass
class Figure:
    name: str
    command: str
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    def median(self, attr: str = "wall") -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)

    def row(self) -> str:
        walls = [r.wall for r in self.runs]
        rcs = ",".join(sorted({str(r.rc) for r in self.runs}))
        return (
            f"| {self.name} | {len(self.runs)} | {self.median():.3f} | "
            f"{min(walls):.3f}–{max(walls):.3f} | {self.median('cpu'):.3f} | "
            f"{max(r.maxrss_mb for r in self.runs):.0f} | "
            f"{max(r.tree_mb for r in self.runs):.0f} | {rcs} | `{self.command}` |"
        )


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    tree, frontier = {root}, [root]
    while frontier:
        kids = children.get(frontier.pop(), [])
        tree.update(kids)
        frontier.extend(kids)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except OSError:
            pass
    return total


def run_once(cmd: list[str], cwd: Path, timeout: float, fresh: bool = False) -> Run:
    """One timed run; ``fresh``: with an empty user cache (compiled patterns, loaded data), as
    the very first run after installing."""
    env = ENV
    if fresh:
        empty = CACHE / "usercache-fresh"
        shutil.rmtree(empty, ignore_errors=True)
        env = {**ENV, "XDG_CACHE_HOME": str(empty)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    err = proc.stderr.read() if proc.stderr else b""
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    killer.cancel()
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        tail = err.decode(errors="replace").strip().splitlines()[-3:]
        print(f"<!-- exit {proc.returncode}: {' / '.join(tail)} -->", file=sys.stderr)
    rss = ru.ru_maxrss / 1024
    return Run(wall, ru.ru_utime + ru.ru_stime, rss, max(peak[0] / 2**20, rss), proc.returncode)


def measure(name, cmd, cwd, runs, budget, timeout, note="", fresh=False) -> Figure:
    fig = Figure(name, " ".join(_show(c) for c in cmd), note=note)
    spent = 0.0
    while len(fig.runs) < runs:
        r = run_once(cmd, cwd, timeout, fresh)
        fig.runs.append(r)
        spent += r.wall
        if r.rc < 0:
            fig.note += f" killed after {timeout:.0f} s."
            break
        if spent > budget and len(fig.runs) < runs:
            fig.note += f" {len(fig.runs)} of {runs} runs: over the {budget:.0f} s budget."
            break
        print(f"<!-- {name}: {r.wall:.2f} s -->", file=sys.stderr, flush=True)
    return fig


def _show(part: str) -> str:
    for base, label in ((str(CACHE), "benchmarks/.cache"), (str(REPO), ".")):
        if part.startswith(base):
            return label + part[len(base) :]
    return part


def corpus(name: str, count: int, big_mb: tuple[float, ...] = ()) -> Path:
    """Generate a corpus once; regenerate when the generator or its parameters change."""
    out = CACHE / name
    manifest = out / "manifest.json"
    if manifest.exists():
        m = json.loads(manifest.read_text())
        if (m["version"], m["count"], m["big_mb"]) == (generate.VERSION, count, list(big_mb)):
            return out
    shutil.rmtree(out, ignore_errors=True)
    print(f"<!-- generating {out} -->", file=sys.stderr, flush=True)
    generate.generate(out, count, seed=0, big_mb=big_mb)
    return out


def interpreter_build() -> str:
    """How this interpreter was built, as far as it shows: whether libpython is a shared
    library (each C-API call then goes through the PLT) and whether the configure line that
    sysconfig records asked for profile-guided and link-time optimization. Debian builds its
    static /usr/bin/python3 with PGO and LTO but records the configure line of its shared
    build, so there it names neither. On this machine the same claimlint needs 1.1-1.3x less
    CPU on Debian's interpreter than on pyenv's default build (``--enable-shared``, no PGO/LTO)."""
    import sysconfig

    shared = "static libpython"
    with open("/proc/self/maps") as fh:
        for line in fh:
            if "libpython" in line:
                shared = f"shared {os.path.basename(line.split()[-1])}"
                break
    args = sysconfig.get_config_var("CONFIG_ARGS") or ""
    flags = [f for f in ("--enable-optimizations", "--with-lto") if f in args]
    said = ", ".join(flags) if flags else "neither --enable-optimizations nor --with-lto"
    return f"{shared}; configure line in sysconfig: {said}"


def machine() -> list[str]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as fh:
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", fh.read())[1])
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable)",
        f"- RAM: {mem_kb / 2**20:.1f} GiB; load average at start: {os.getloadavg()[0]:.2f}",
        f"- Python {platform.python_version()} ({sys.executable}); {platform.platform()}",
        f"- interpreter build: {interpreter_build()}",
        f"- claimlint at {commit or 'unknown commit'}",
        "- bytecode: "
        + (
            f"PYTHONPYCACHEPREFIX={_show(ENV['PYTHONPYCACHEPREFIX'])}, warmed"
            if "PYTHONPYCACHEPREFIX" in ENV
            else "environment as is"
        )
        + (", PYTHONDONTWRITEBYTECODE=1" if "PYTHONDONTWRITEBYTECODE" in ENV else ""),
        f"- claimlint user cache: XDG_CACHE_HOME={_show(ENV.get('XDG_CACHE_HOME', '~/.cache'))},"
        " warmed by the warm-up runs (one figure empties it before each run)",
    ]


def importtime(python: str, args: list[str], cwd: Path) -> dict[str, int]:
    """Cumulative microseconds per imported module, from ``-X importtime``."""
    cmd = [python, "-X", "importtime", *args]
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True)
    out: dict[str, int] = {}
    for line in proc.stderr.decode(errors="replace").splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)", line)
        if m:
            out[m[3]] = int(m[1]) if not m[2] else out.get(m[3], int(m[1]))
    return out


def import_report(python: str, doc: Path, runs: int) -> list[str]:
    totals = [importtime(python, ["-c", "import claimlint.cli"], REPO) for _ in range(runs)]
    ms = statistics.median(t.get("claimlint.cli", 0) for t in totals) / 1000
    check = importtime(python, ["-m", "claimlint", "check", str(doc), "--no-cache"], REPO)
    ours = sorted(
        ((us, m) for m, us in check.items() if "." not in m or m.startswith("claimlint")),
        reverse=True,
    )[:12]
    lines = [
        f"- `{python} -X importtime -c 'import claimlint.cli'`: claimlint.cli cumulative "
        f"{ms:.1f} ms (median of {runs})",
        f"- `{python} -X importtime -m claimlint check {_show(str(doc))} --no-cache`: "
        + ", ".join(f"{h} {'IMPORTED' if h in check else 'not imported'}" for h in HEAVY),
        "- slowest imports in that check (cumulative ms): "
        + ", ".join(f"{m} {us / 1000:.1f}" for us, m in ours),
    ]
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default=",".join(FIGURES), help=f"subset of {','.join(FIGURES)}")
    ap.add_argument("--compare", action="store_true", help="also time proselint if installed")
    ap.add_argument("--budget", type=float, default=300, help="seconds per figure, then stop")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per run, then kill")
    ap.add_argument("--json", type=Path, help="also write the raw runs here")
    ap.add_argument("--as-is", action="store_true", help="keep PYTHONDONTWRITEBYTECODE etc.")
    args = ap.parse_args(argv)
    if not args.as_is:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    # claimlint's user cache (compiled patterns, loaded data): warmed below like the bytecode
    ENV["XDG_CACHE_HOME"] = str(CACHE / "usercache")
    only = set(args.only.split(","))
    bindir = Path(sys.executable).parent
    exe = str(bindir / "claimlint")
    if not os.access(exe, os.X_OK):
        sys.exit(f"{exe}: not found; run with the venv python where claimlint is installed")

    k1 = corpus("corpus-1k", 1000)
    print("# claimlint benchmarks\n", *machine(), "", sep="\n")
    one = k1 / "00001-answer.txt"
    figs: list[Figure] = []
    opts = {"runs": args.runs, "budget": args.budget, "timeout": args.timeout}
    work = CACHE / "work"  # the cwd of every run: a warm cache lands here, not in the repo
    work.mkdir(parents=True, exist_ok=True)
    check = [exe, "check"]
    warm = corpus("corpus-70", 70)  # just over the pool threshold: warms the pool's imports too
    for cmd in ([*check, str(one), "--no-cache"], [*check, str(warm), "--no-cache"]):
        run_once(cmd, work, args.timeout)
    if "one" in only:
        label = f"one document ({one.stat().st_size / 1000:.1f} KB)"
        figs.append(measure(label, [*check, str(one), "--no-cache"], work, **opts))
        label = "one document, empty user cache (first run after install)"
        cmd = [*check, str(one), "--no-cache"]
        figs.append(measure(label, cmd, work, fresh=True, **opts))
    if "seed" in only and SEED_PAGE.exists():
        label = f"seed page ({SEED_PAGE.stat().st_size / 1000:.1f} KB)"
        figs.append(measure(label, [*check, str(SEED_PAGE), "--no-cache"], work, **opts))
    if "1k" in only:
        figs.append(measure("1,000 docs cold", [*check, str(k1), "--no-cache"], work, **opts))
        cmd = [*check, str(k1), "--no-cache", "--jobs", "1"]
        figs.append(measure("1,000 docs cold, 1 job", cmd, work, **opts))
        shutil.rmtree(work / ".claimlint_cache", ignore_errors=True)
        run_once([*check, str(k1)], work, args.timeout)  # fill the cache
        caches = [p for d in (work, k1, REPO) for p in d.glob(".claimlint_cache")]
        note = "" if caches else "no .claimlint_cache after the fill run: the cache is a no-op."
        figs.append(measure("1,000 docs warm", [*check, str(k1)], work, note=note, **opts))
    if "10k" in only:
        k10 = corpus("corpus-10k", 10_000)
        opts10 = {**opts, "runs": min(args.runs, 2), "budget": 120}
        figs.append(measure("10,000 docs cold", [*check, str(k10), "--no-cache"], work, **opts10))
    if "big" in only:
        big = corpus("big", 0, BIG_MB)
        for mb in BIG_MB:
            cmd = [*check, str(big / f"big-{mb}mb.md"), "--no-cache"]
            figs.append(measure(f"{mb} MB document", cmd, work, **{**opts, "budget": 120}))
    if args.compare:
        prose = shutil.which("proselint", path=f"{bindir}{os.pathsep}{os.environ['PATH']}")
        if prose:
            figs.append(measure("proselint, one document", [prose, str(one)], work, **opts))
        else:
            print("proselint is not installed: --compare skipped.\n")

    print(
        "| figure | runs | median s | min–max s | CPU s | peak RSS MB | tree MB | exit | command |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for f in figs:
        print(f.row())
    by = {f.name: f for f in figs}
    print()
    for f in figs:
        if f.note.strip():
            print(f"- {f.name}: {f.note.strip()}")
    ratios = [("10,000 docs cold", "1,000 docs cold"), ("10 MB document", "5 MB document")]
    for a, b in ratios:
        if a in by and b in by:
            print(f"- ratio {a} / {b}: {by[a].median() / by[b].median():.2f}× wall, "
                  f"{by[a].median('cpu') / by[b].median('cpu'):.2f}× CPU")  # fmt: skip
    if "import" in only:
        print(*import_report(str(bindir / "python"), one, args.runs), sep="\n")
    print(f"- load average at end: {os.getloadavg()[0]:.2f}")
    if args.json:
        data = [{**asdict(f), "median": f.median()} for f in figs]
        args.json.write_text(json.dumps(data, indent=1) + "\n")


if __name__ == "__main__":
    main()
