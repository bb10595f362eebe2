"""The one list of corpus files (crawler/data/corpus_files.toml)."""

from __future__ import annotations

import pytest

from crawler.corpus import LOADS, corpus_files
from crawler.imports import parse_mapping


def test_loads_and_their_files():
    main = [f.path for f in corpus_files("main")]
    assert main == [
        "adzuna-2013/adzuna_2013_dev.csv",
        "jobspy-uk-2026/jobspy_uk_2026.csv",
        "reed-2019/reed_listings_2019.json",
        "indeed-london-2020/indeed_london_2020.csv",
    ]
    pairs = [f.path for f in corpus_files("pairs")]
    assert pairs == [*main, "adzuna-api-2025/adzuna_api_uk_data_engineer_2025.csv"]
    assert len(corpus_files("normalize")) == 9
    assert all(f.load <= set(LOADS) for f in corpus_files())


def test_import_args_name_source_and_maps():
    indeed = next(f for f in corpus_files() if f.source == "indeed_london_2020")
    args = indeed.import_args("/corpus")
    assert args[:6] == [
        "import",
        "/corpus/indeed-london-2020/indeed_london_2020.csv",
        "--format",
        "csv",
        "--source",
        "indeed_london_2020",
    ]
    assert args[6:10] == ["--map", "title=job_title", "--map", "location=job_location"]


def test_every_map_parses():
    for corpus_file in corpus_files():
        assert len(parse_mapping(list(corpus_file.mapping))) == len(corpus_file.mapping)


def test_unknown_load_is_refused():
    with pytest.raises(ValueError, match="unknown corpus load 'everything'"):
        corpus_files("everything")


def test_every_file_is_in_the_corpus(corpus):
    missing = [f.path for f in corpus_files() if not (corpus / f.path).is_file()]
    assert missing == []
