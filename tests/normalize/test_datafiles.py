"""One reader for the reviewed data files of ``normalize/data`` and ``dedup/data``."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedup._data import DATA as DEDUP_DATA
from normalize.datafiles import read_csv
from normalize.location_parts import city_county


def test_read_csv_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    (tmp_path / "words.csv").write_text(
        "# a reviewed list\nword,kind\n\nsenior,level\n# not a row\njunior,level\n",
        encoding="utf-8",
    )
    assert read_csv("words.csv", tmp_path) == [
        {"word": "senior", "kind": "level"},
        {"word": "junior", "kind": "level"},
    ]


def test_read_csv_reads_both_packages_data() -> None:
    assert {"pattern", "kind"} <= set(read_csv("source_kinds.csv", DEDUP_DATA)[0])
    assert {"county", "region"} <= set(read_csv("county_itl1.csv")[0])
    with pytest.raises(FileNotFoundError):
        read_csv("no_such_file.csv")


@pytest.mark.parametrize(
    ("county", "expected"),
    [
        ("Bristol", True),
        ("Cardiff", True),
        ("Kent", False),
        ("Lancashire", False),
        (None, False),
        ("", False),
    ],
)
def test_city_county(county: str | None, expected: bool) -> None:
    assert city_county(county) is expected
