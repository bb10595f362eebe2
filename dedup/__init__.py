"""Deduplication: count vacancies, not postings (issue 10).

Two stored ads are the same vacancy when they advertise the same job (same role and seniority)
for the same employer in the same place, posted less than 60 days apart, with overlapping
salaries (contract in ``../shared/DESIGN.md``). One module per job:

- employer keys: :func:`normalize.companies.normalize_company` (the normalize layer, shared with
  :mod:`normalize.roles`)
- :mod:`dedup.places`: the place compared (town/city; else region; else remote)
- :mod:`dedup.titles`: title normalization and similarity (rapidfuzz)
- :mod:`dedup.descriptions`: truncation-robust description containment, MinHash LSH (datasketch)
- :mod:`dedup.pay`: salary compatibility
- :mod:`dedup.sources`: ATS / board / aggregator per source (``data/source_kinds.csv``)
- :mod:`dedup.matcher`: the pair rule and the clustering of one block
- :mod:`dedup.store`: :func:`~dedup.store.assign_vacancies`, :func:`~dedup.store.assign_changed`
  (after a renormalize or an import: only what changed) and :func:`~dedup.store.explain`
- :mod:`dedup.workers`: the clustering of every block, in forked processes for many postings
- :mod:`dedup.writes`: ``ads.vacancy_id``, ``vacancy_matches`` and ``vacancies`` written where
  they differ
"""

from dedup.store import AdsState, DedupStats, ads_state, assign_changed, assign_vacancies, explain

__all__ = ["AdsState", "DedupStats", "ads_state", "assign_changed", "assign_vacancies", "explain"]
