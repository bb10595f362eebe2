"""The real corpus (``../shared/corpus``, read in place) and how each of its files is imported.

One list, ``crawler/data/corpus_files.toml``, serves every tool that loads the corpus: the
end-to-end test, ``scripts/figures_snapshot.sh``, the report, normalize and dedup benches and
the dedup dev pairs. Run ``python -m crawler.corpus CORPUS DB [--load main]`` to load it into a
database with the ``mljobs`` CLI.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "corpus_files.toml"
ROOT = Path(__file__).resolve().parents[1]
#: The loads a file can belong to (see the data file's header).
LOADS = ("main", "pairs", "normalize")


@dataclass(frozen=True)
class CorpusFile:
    """One file of the corpus: ``path`` under the corpus folder, the ``mljobs import``
    ``format``, an optional ``source`` name, and ``mapping`` (``--map FIELD=COLUMN`` pairs)."""

    path: str
    format: str
    source: str | None
    mapping: tuple[str, ...]
    load: frozenset[str]

    def import_args(self, corpus: str | Path) -> list[str]:
        """The ``mljobs import`` arguments that load this file from ``corpus``."""
        args = ["import", str(Path(corpus) / self.path), "--format", self.format]
        if self.source:
            args += ["--source", self.source]
        for pair in self.mapping:
            args += ["--map", pair]
        return args


@cache
def corpus_files(load: str | None = None) -> tuple[CorpusFile, ...]:
    """The files of the data file, in order; with ``load``, only that load's. Raises
    ``ValueError`` for a load name not in :data:`LOADS`."""
    if load is not None and load not in LOADS:
        raise ValueError(f"unknown corpus load {load!r}: expected one of {', '.join(LOADS)}")
    with DATA.open("rb") as handle:
        entries = tomllib.load(handle)["file"]
    files = tuple(
        CorpusFile(
            path=entry["path"],
            format=entry["format"],
            source=entry.get("source"),
            mapping=tuple(entry.get("map", ())),
            load=frozenset(entry["load"]),
        )
        for entry in entries
    )
    return tuple(f for f in files if load is None or load in f.load)


def import_corpus(
    corpus: str | Path,
    db_path: str | Path,
    load: str = "main",
    mljobs: Sequence[str] = (sys.executable, "-m", "cli"),
) -> None:
    """Load the files of ``load`` into ``db_path`` with the ``mljobs`` CLI (a new process per
    file; ``mljobs`` is the command, this checkout's by default), then the recorded ATS crawl
    in ``replay/``. Raises ``subprocess.CalledProcessError`` when a command fails."""
    base = [*mljobs, "--db", str(db_path), "--log-level", "WARNING"]
    commands = [[*base, *f.import_args(corpus)] for f in corpus_files(load)]
    commands.append([*base, "crawl", "--replay", str(Path(corpus) / "replay")])
    for command in commands:
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=900)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("db", type=Path)
    parser.add_argument("--load", default="main", choices=LOADS)
    parser.add_argument("--mljobs", help="the mljobs command to run (default: this checkout's)")
    args = parser.parse_args(argv)
    command = [args.mljobs] if args.mljobs else [sys.executable, "-m", "cli"]
    import_corpus(args.corpus, args.db, args.load, command)


if __name__ == "__main__":
    main()
