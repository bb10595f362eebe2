"""Copies of one ad (an aggregator repeating it under new ids) cost one comparison each."""

from __future__ import annotations

import pytest

import dedup.matcher as matcher
from dedup.matcher import Posting, cluster_block

SHINGLES = [f"word{i} word{i + 1} word{i + 2}" for i in range(60)]


def copy(n: int, day: int = 738_000) -> Posting:
    return Posting(
        id=f"adzuna:{n}",
        day=day,
        employer=None,
        place="leeds",
        role="data_scientist",
        seniority="senior",
        title="data scientist",
        pay=None,
        shingles=list(SHINGLES),
    )


@pytest.fixture
def calls(monkeypatch) -> list[tuple[str, str]]:
    """The (ad, member) pairs the matcher compares, in order."""
    seen: list[tuple[str, str]] = []
    real = matcher.compare

    def counting(a, b, settings=matcher.DEFAULT_SETTINGS):
        seen.append((a.id, b.id))
        return real(a, b, settings)

    monkeypatch.setattr(matcher, "compare", counting)
    return seen


def test_copies_join_one_vacancy_with_one_comparison_each(calls):
    copies = [copy(n) for n in range(100)]
    result = cluster_block(copies)
    assert {vacancy for _, vacancy, _ in result} == {matcher.vacancy_id("adzuna:0")}
    # every copy matched the first (the earliest member of its signature), once
    assert [m.matched for _, _, m in result[1:]] == ["adzuna:0"] * 99
    # the second copy is compared once; the later ones take its decision, as nothing it read
    # changed (compared with every member, it was 1 + 2 + ... + 99 = 4,950; then 99)
    assert len(calls) == 1


def test_a_copy_on_another_day_is_still_compared(calls):
    ads = [copy(0), copy(1, day=738_010), copy(2, day=738_020)]
    cluster_block(ads)
    # another day is another signature: the third ad is compared with both earlier ones
    assert calls == [("adzuna:1", "adzuna:0"), ("adzuna:2", "adzuna:0"), ("adzuna:2", "adzuna:1")]
