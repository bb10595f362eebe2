"""How far two labellings of the same titles agree (issue 14): the ceiling a title classifier's
score can reach against either of them. audit13's, audit14's, audit16's, audit17's, audit19's
and audit23's titles were each labelled twice, blind, by the title alone
(tests/fixtures/roles/AUDIT12.md). The sets' own floors:
``test_roles.py::test_title_alone_sets_accuracy``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize.evaluation import labelled_as, score_roles

ROLES = Path(__file__).resolve().parents[1] / "fixtures" / "roles"


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (ROLES / name).open(encoding="utf-8")]


def test_labelled_as_answers_each_title_as_labelled() -> None:
    gold = [
        {"title": "ML Engineer", "is_ml": True, "role": "ml_engineer", "seniority": None},
        {
            "title": "Senior Data Scientist",
            "is_ml": True,
            "role": "data_scientist",
            "seniority": "senior",
        },
        {"title": "Accountant", "is_ml": False, "role": "other", "seniority": None},
        {"title": "AI Tools Engineer", "is_ml": True, "role": "ai_engineer", "seniority": None},
    ]
    other = [
        {**gold[0], "role": "mlops_engineer"},
        gold[1],
        {**gold[2], "seniority": "senior"},
        {**gold[3], "is_ml": False, "role": "other"},
    ]
    got = score_roles(gold, classify=labelled_as(other))
    # 2 true positives, 1 false negative: F1 = 4 / 5; role right on 1 of 3 ML titles
    assert got == {
        "n": 4,
        "is_ml_f1": pytest.approx(0.8),
        "role": pytest.approx(1 / 3),
        "seniority": 0.75,
    }
    with pytest.raises(KeyError):
        labelled_as(other)("Not labelled")


@pytest.mark.parametrize(
    ("name", "n", "f1", "n_certain", "n_disagree"),
    [
        ("audit13", 263, 0.931, 192, 8),
        ("audit14", 256, 0.940, 206, 6),
        # audit16's and audit17's two labellings give every title the same labels (audit16's
        # differ in which titles they call certain)
        ("audit16", 262, 1.0, 238, 0),
        ("audit17", 268, 1.0, 247, 0),
        # audit19: real titles of a new source, Adzuna's 2026 API and Indeed/LinkedIn (AUDIT19.md)
        ("audit19", 269, 0.977, 222, 3),
        # audit23: a second new source (AUDIT23.md)
        ("audit23", 269, 0.960, 237, 7),
    ],
)
def test_two_blind_labellings_agree_only_where_the_title_settles_is_ml(
    name: str, n: int, f1: float, n_certain: int, n_disagree: int
) -> None:
    first, second = _rows(f"{name}_labels.jsonl"), _rows(f"{name}_second.jsonl")
    assert sorted(r["title"] for r in first) == sorted(r["title"] for r in second)
    everything = score_roles(first, classify=labelled_as(second))
    assert everything["n"] == n
    assert everything["is_ml_f1"] == pytest.approx(f1, abs=5e-4)
    by_title = {r["title"]: r for r in second}
    both_certain = [r for r in first if r["certain"] and by_title[r["title"]]["certain"]]
    settled = score_roles(both_certain, classify=labelled_as(second))
    assert settled["n"] == n_certain
    assert settled["is_ml_f1"] == 1.0
    disagreements = [r for r in first if r["is_ml"] != by_title[r["title"]]["is_ml"]]
    assert len(disagreements) == n_disagree
    assert all(not (r["certain"] and by_title[r["title"]]["certain"]) for r in disagreements)
