"""Start-up cost of ``mljobs``: the wall and CPU time of a one-row import (issue 15, target under
1 s of wall time), beside the interpreter's own start and the CLI's imports.

Each run is a new process with a fresh database (a new temporary folder), so nothing is warm
but the operating system's file cache. The commands run interleaved, one of each per round, so
a machine that gets busier part-way affects them alike:

- ``python -c pass``: the interpreter alone (the floor no command can beat);
- ``python -c "import cli.main"``: importing the ``mljobs`` command line (what every command
  pays before it does anything);
- ``mljobs --help``;
- ``mljobs --db <fresh> import <one row> --format adzuna-kaggle``: the first row of
  ``tests/fixtures/imports/adzuna_small.csv`` (an Adzuna Job Salary Prediction CSV) imported
  into a new database, through the normalize and store code and the dedup that ends an import.

Wall time is measured around the child process; CPU time is the child's user + system time
(``os.wait4``): on a shared machine the CPU time is what a free core would take, the wall time
what this run got (the load average is printed beside them). With ``--baseline-rev REV`` the
one-row import of commit REV (exported with ``git archive`` to /tmp, first on ``PYTHONPATH``)
runs in the same rounds, so before and after come from one run. With ``--profile`` it also
prints the top functions (cumulative time) of one extra one-row import under cProfile.

Run: ``.venv/bin/python bench/startup.py [--runs 5] [--baseline-rev REV] [--profile]``. Prints
the figures (median, min, max of the runs); asserts nothing (machines here are noisy).
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "imports" / "adzuna_small.csv"
#: The ``mljobs`` script of the virtualenv running this bench (``.venv/bin/mljobs``).
MLJOBS = Path(sys.executable).parent / "mljobs"
TARGET_WALL_S = 1.0
"""Issue 15: a one-row import completes in under 1 s of wall time."""


def one_row_csv(folder: Path) -> Path:
    """The header and first row of :data:`FIXTURE`, written to ``folder/one.csv``."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    out = folder / "one.csv"
    out.write_text("".join(lines[:2]), encoding="utf-8")
    return out


def timed(
    argv: list[str], cwd: Path, bytecode: bool = True, tree: Path = ROOT
) -> tuple[float, float]:
    """Run ``argv`` in ``cwd`` to its end: (wall seconds, CPU seconds of the child). Raises
    ``RuntimeError`` with its stderr when it exits non-zero."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(bytecode, tree)
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} exited {proc.returncode}: {err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def baseline_tree(rev: str) -> Path:
    """The code of commit ``rev``, exported once to a folder under /tmp."""
    out = Path(tempfile.gettempdir()) / f"mljobs-bench-startup-{rev}"
    if not out.is_dir():
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True
        ).stdout
        out.mkdir(parents=True)
        subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def _env(bytecode: bool = True, tree: Path = ROOT) -> dict[str, str]:
    """The children's environment: this tree's code first on the path; with ``bytecode``,
    without ``PYTHONDONTWRITEBYTECODE``, so modules load from their cached ``.pyc`` as in any
    installed copy (with it set and no ``__pycache__`` yet, every process compiles the
    project's sources again)."""
    env = dict(os.environ)
    env.pop("MLJOBS_DB", None)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(tree)  # the code measured is that tree's
    return env


def commands(
    work: Path, csv_path: Path, run: int, baseline: str | None = None
) -> dict[str, tuple[list[str], Path]]:
    """The commands timed in one round, ``{label: (argv, tree of the code run)}``; each
    import writes a new database (a new folder each ``run``)."""
    folder = work / f"run{run}"
    folder.mkdir(parents=True)

    def one_row_import(db: Path) -> list[str]:
        return [str(MLJOBS), "--db", str(db), "import", str(csv_path), "--format", "adzuna-kaggle"]

    out = {
        "python -c pass": ([sys.executable, "-c", "pass"], ROOT),
        "import cli.main": ([sys.executable, "-c", "import cli.main"], ROOT),
        "mljobs --help": ([str(MLJOBS), "--help"], ROOT),
        "one-row import": (one_row_import(folder / "mljobs.db"), ROOT),
    }
    if baseline is not None:
        out[f"import @{baseline[:10]}"] = (
            one_row_import(folder / "baseline.db"),
            baseline_tree(baseline),
        )
    return out


def profile(work: Path, csv_path: Path, top: int = 25) -> str:
    """The ``top`` functions by cumulative time of one one-row import under cProfile."""
    db = work / "profile" / "mljobs.db"
    db.parent.mkdir(parents=True)
    out = work / "profile" / "import.prof"
    argv = [sys.executable, "-m", "cProfile", "-o", str(out), str(MLJOBS), "--db", str(db)]
    timed([*argv, "import", str(csv_path), "--format", "adzuna-kaggle"], work)
    text = io.StringIO()
    pstats.Stats(str(out), stream=text).sort_stats("cumulative").print_stats(top)
    return text.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds (new processes each)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile top list")
    parser.add_argument("--baseline-rev", help="also time the one-row import of this commit")
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE from the environment, no warm-up round (.pyc read "
        "only where already present)",
    )
    args = parser.parse_args()
    bytecode = not args.no_bytecode
    with tempfile.TemporaryDirectory(prefix="mljobs-bench-startup-") as tmp:
        work = Path(tmp)
        csv_path = one_row_csv(work)
        if bytecode:  # one untimed round first writes the .pyc files an installed copy has
            for argv, tree in commands(work, csv_path, -1, args.baseline_rev).values():
                timed(argv, work, tree=tree)
        walls: dict[str, list[float]] = {}
        cpus: dict[str, list[float]] = {}
        for run in range(args.runs):
            for label, (argv, tree) in commands(work, csv_path, run, args.baseline_rev).items():
                wall, cpu = timed(argv, work, bytecode, tree)
                walls.setdefault(label, []).append(wall)
                cpus.setdefault(label, []).append(cpu)
        pyc = "cached .pyc" if bytecode else "PYTHONDONTWRITEBYTECODE kept, no warm-up"
        print(f"start-up, new process each run ({pyc}), median of {args.runs} runs (min-max)")
        for label in walls:
            w, c = walls[label], cpus[label]
            print(
                f"  {label:<16} wall {statistics.median(w):.3f} s ({min(w):.3f}-{max(w):.3f}), "
                f"CPU {statistics.median(c):.3f} s ({min(c):.3f}-{max(c):.3f})"
            )
        if args.baseline_rev:
            old = f"import @{args.baseline_rev[:10]}"
            ratio_wall = statistics.median(walls[old]) / statistics.median(walls["one-row import"])
            ratio_cpu = statistics.median(cpus[old]) / statistics.median(cpus["one-row import"])
            print(
                f"  one-row import vs {args.baseline_rev}: {ratio_wall:.2f}x less wall time, "
                f"{ratio_cpu:.2f}x less CPU time (medians)"
            )
        one = statistics.median(walls["one-row import"])
        verdict = "met" if one < TARGET_WALL_S else "NOT met"
        print(f"  target: one-row import wall < {TARGET_WALL_S:.1f} s: {verdict} ({one:.3f} s)")
        print(f"  load average (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if args.profile:
            print(profile(work, csv_path))


if __name__ == "__main__":
    main()
