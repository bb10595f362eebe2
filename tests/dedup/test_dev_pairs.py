"""The matcher on the labelled dev pairs of the real corpus (tests/fixtures/dedup/pairs.jsonl).

The corpus is imported with the CLI into a temporary database, as bench/dedup.py does; each
pair is then judged alone by assign_vacancies. Floors are the issue's targets.
"""

from __future__ import annotations

from collections import Counter

import pytest
import sqlite_utils

from dedup.evaluation import import_corpus, load_pairs, pair_rows, same_vacancy, score

from ..conftest import FIXTURES


@pytest.fixture(scope="module")
def corpus_db(corpus, tmp_path_factory) -> sqlite_utils.Database:
    path = tmp_path_factory.mktemp("dedup") / "corpus.db"
    import_corpus(corpus, path)
    return sqlite_utils.Database(path)


def test_pair_file_is_balanced_and_has_every_kind():
    pairs = load_pairs(FIXTURES / "dedup" / "pairs.jsonl")
    kinds = Counter(p["kind"] for p in pairs)
    assert len(pairs) >= 300
    assert 0.4 < sum(p["label"] for p in pairs) / len(pairs) < 0.6
    for kind in ("neg_other_town", "neg_relevel", "neg_other_employer", "neg_late_repost",
                 "neg_salary_apart", "rerender", "real_cross_board", "real_repost"):  # fmt: skip
        assert kinds[kind] >= 5, kind


def test_dev_pairs_precision_and_recall(corpus_db):
    pairs = load_pairs(FIXTURES / "dedup" / "pairs.jsonl")
    labels = [p["label"] for p in pairs]
    predictions = [same_vacancy(*pair_rows(corpus_db, p)) for p in pairs]
    result = score(labels, predictions)
    assert result["precision"] >= 0.98, result
    assert result["recall"] >= 0.95, result
