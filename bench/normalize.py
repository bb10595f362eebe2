"""Accuracy of every normalizer on the gold dev labels, and throughput of the whole normalize
step (salary, location, role, seniority, skills, experience, dates, HTML to text: one
``normalize_ad`` call per ad) over every real ad in ``../shared/corpus``, on one core.

Throughput is reported cold and warm: a cold pass starts with the normalizers' per-string
memo caches emptied (every bounded ``functools.lru_cache`` in ``normalize.*``: parsed
location parts, locations, role and seniority per title; the loaded data, gazetteer, world
places and date parser settings, in unbounded or one-entry caches, stay loaded: the one-time
load is not timed), a warm pass follows it with those caches as the cold
pass left them.

Run: ``.venv/bin/python bench/normalize.py [--corpus DIR] [--repeats N]``. Prints the figures;
asserts nothing (machines here are noisy: the median of the repeats is reported).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.corpus import corpus_files  # noqa: E402
from crawler.imports import RowProblem, parse_mapping, read_ads  # noqa: E402
from normalize.ad import as_text, normalize_ad  # noqa: E402
from normalize.evaluation import (  # noqa: E402
    labelled_as,
    score_adzuna_pairs,
    score_locations,
    score_roles,
    score_skills,
)
from normalize.roles import UNDECIDED_KINDS, classify_ad, undecided_kind  # noqa: E402
from normalize.text import fold_whitespace, html_to_text  # noqa: E402


def real_ads(corpus: Path) -> list[dict]:
    """Every readable ad in the corpus, as raw item fields."""
    ads = []
    for corpus_file in corpus_files("normalize"):
        records = read_ads(
            corpus / corpus_file.path,
            corpus_file.format,
            None,
            parse_mapping(list(corpus_file.mapping)),
        )
        ads += [a for a in records if not isinstance(a, RowProblem)]
    return ads


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def accuracy(corpus: Path) -> None:
    gold = corpus / "gold"
    loc = score_locations(jsonl(gold / "location_dev.jsonl"))
    with (gold / "adzuna_location_pairs_dev.csv").open(encoding="utf-8") as handle:
        pairs = score_adzuna_pairs(list(csv.DictReader(handle)))
    roles = score_roles(jsonl(gold / "roles_dev.jsonl"))
    skills = score_skills(jsonl(corpus / "skills-eval" / "skills_eval.jsonl"))
    print("accuracy on the dev labels (target in brackets)")
    print(
        f"  location ({loc['n']} strings): is_uk {loc['is_uk']:.1%} [97%], "
        f"region {loc['region']:.1%} [95%], city {loc['city']:.1%} [93%], "
        f"county {loc['county']:.1%}, workplace {loc['workplace']:.1%}"
    )
    print(f"  adzuna pairs ({pairs['n']}): region agreement {pairs['region_agreement']:.1%} [95%]")
    print(
        f"  roles ({roles['n']} titles): is_ml F1 {roles['is_ml_f1']:.3f} [0.93], "
        f"role {roles['role']:.1%} [88%], seniority {roles['seniority']:.1%} [90%]"
    )
    print(
        f"  skills: micro-F1 {skills['f1']:.3f} [0.90] (P {skills['precision']:.3f}, "
        f"R {skills['recall']:.3f}; unprojected {skills['raw_f1']:.3f})"
    )
    audits(ROOT / "tests" / "fixtures")


#: Issue 14's targets for the audit sets that label titles (audit12 and later).
_ROLES_TARGETS = "is_ml F1 [0.95] role [92%] seniority [96%]"
#: Issue 14's location targets.
_LOCATION_TARGETS = "is_uk [98%] region [97%] city [95%]"
#: Issue 14's targets for the audit sets that also label locations (audit3 to audit11).
_ISSUE14_TARGETS = f"{_LOCATION_TARGETS}; {_ROLES_TARGETS}"

#: Audit label sets (hand-labelled after the rules were written, none in the dev set), with the
#: targets of the issue that asked for them.
AUDIT_SETS: tuple[tuple[str, str], ...] = (
    ("audit_labels.jsonl", ""),
    ("audit3_labels.jsonl", _ISSUE14_TARGETS),
    # labelled after the issue-14 rules were tuned on audit3; untuned it scored is_uk 93.6%,
    # is_ml F1 0.890, role 82.9%, seniority 97.5%; the kinds of its misses were fixed since
    ("audit4_labels.jsonl", _ISSUE14_TARGETS),
    # labelled after that second round and never seen by whoever changed the rules: the
    # untuned check of issue 14
    ("audit5_labels.jsonl", _ISSUE14_TARGETS),
    # labelled at the same time as audit5, also never seen by whoever changed the rules
    ("audit6_labels.jsonl", _ISSUE14_TARGETS),
    # fresh even-hash pools, seed 7, labelled without reading the normalizers; untuned on main
    # it scored is_uk 98.2%, region 99.1%, city 90.1%; is_ml F1 0.884, role 84.9%,
    # seniority 98.4%; its kinds of miss were fixed since (audit8, sealed, checks them)
    ("audit7_labels.jsonl", _ISSUE14_TARGETS),
    # odd-hash pools, seed 8888, labelled at the same time as audit7 by another labeller and
    # sealed while audit7's misses were fixed: the untuned check of that round. Before it
    # is_uk 94.6%, region 94.6%, city 93.0%; is_ml F1 0.895, role 78.5%, seniority 99.3%;
    # after it is_uk 95.0%, region 95.3%, city 95.0%; is_ml F1 0.900, role 78.5%, seniority
    # 99.3% (issue 14's targets not met: the fixes did not generalize to its hard kinds)
    ("audit8_labels.jsonl", _ISSUE14_TARGETS),
    # two labellers who never read the normalizers, disjoint halves of the pools (sha1 last hex
    # digit 0-7 / 8-f, seeds 9091 / 9999), reviewed by a third before scoring (5 rows corrected,
    # each with its reason in notes); sealed while round 5 fixed audit8's kinds. Untuned, before
    # round 5: is_uk 96.5%, region 93.7%, city 93.4%; is_ml F1 0.909, role 82.8%, seniority
    # 98.4%; after it: is_uk 97.5%, region 93.4%, city 93.4%; is_ml F1 0.909, role 82.8%,
    # seniority 98.4% (targets not met; the round's rules changed no audit9 title). Seen in
    # round 6, which fixed its kinds and reviewed 7 labels of audit5/7/8/9 by the README
    # ("Senior Lead" is lead; forward-deployed managers): is_ml F1 0.982, role 97.7%,
    # seniority 100% (tuned figures: audit10, sealed, is the untuned check)
    ("audit9_labels.jsonl", _ISSUE14_TARGETS),
    # labelled before round 6 by two labellers who never read the normalizers (halves 0-7 /
    # 8-f, seeds 1010 / 1011; 213 of its 224 location strings are place phrases of running
    # text: the location fields are used up), reviewed by a third (1 row corrected), sealed
    # while round 6 changed the rules. Untuned, before round 6: is_uk 94.6%, region 91.1%,
    # city 88.4%; is_ml F1 0.812, role 67.2%, seniority 98.3%; after it: is_uk 96.0%,
    # region 92.4%, city 90.2%; is_ml F1 0.838, role 70.7%, seniority 98.8% (targets not met)
    ("audit10_labels.jsonl", _ISSUE14_TARGETS),
    # seen in round 7 (tuned: 13 location and 3 role labels reviewed by the README, see
    # tests/fixtures/{location,roles}/ROUND7.md). audit11: labelled before round 7 by two
    # labellers who never read the normalizers (halves 0-7 / 8-f, seeds 1110 / 1111), reviewed by
    # a third (3 seniority labels corrected), sealed while round 7 changed the rules; each title
    # says whether the title alone settled its label (`decided_by`). Untuned, before round 7
    # (e8ed5f7): is_uk 98.1%, region 96.2%, city 92.5%; is_ml F1 0.855, role 79.3%, seniority
    # 98.9%; after it (c2a7b9d): is_uk 98.1%, region 97.2%, city 96.7%; is_ml F1 0.862, role
    # 77.6%, seniority 98.9%; on the 260 titles the title settles: is_ml F1 0.955, role 93.2%,
    # seniority 98.8% (AUDIT11.md)
    ("audit11_labels.jsonl", _ISSUE14_TARGETS),
    # audit12: titles labelled by the title alone, as the gold is (the labellers never saw the
    # employer), each with `certain` (false: the title's words leave is_ml open); reviewed
    # before scoring (tests/fixtures/roles/AUDIT12.md). Untuned on f135418: is_ml F1 0.839,
    # role 74.2%, seniority 97.3%; on the 209 certain titles 0.959 / 89.2% / 97.1%
    ("audit12_labels.jsonl", _ROLES_TARGETS),
    # seen in round 8 (tests/fixtures/roles/ROUND8.md). audit13: labelled at the same time as
    # audit12, the same way, by two other labellers, reviewed by a third; sealed while round 8
    # changed the rules. Untuned, before round 8 (a039310): is_ml F1 0.899, role 77.8%,
    # seniority 98.5% (certain 193: 1.000 / 85.7% / 97.9%); after it (62d6fea): 0.919 / 83.3% /
    # 98.5% (certain: 1.000 / 89.3% / 97.9%)
    ("audit13_labels.jsonl", _ROLES_TARGETS),
    # seen in round 9 (ROUND9.md). audit14: 256 fresh titles labelled the same way by two other
    # labellers from the titles left after audit12/13, reviewed by a third, sealed during round
    # 9, and labelled a second time blind (audit14_second.jsonl). Untuned, the same before
    # (16f4a59) and after round 9 (97927aa): is_ml F1 0.895, role 95.9%, seniority 98.8%;
    # on the 207 certain: 0.986 / 100% / 98.6%
    ("audit14_labels.jsonl", _ROLES_TARGETS),
    # seen in round 10 (ROUND10.md). audit15: 257 fresh titles labelled the same way by two other
    # labellers from the titles left after audit14 (seeds 1510, 1511), reviewed by a third
    # before scoring, sealed during round 10. Untuned, the same before (95c293b) and after round
    # 10 (f948b62): is_ml F1 0.966, role 97.7%, seniority 99.2%; on the 223 certain: 1.000 /
    # 100% / 99.1% (issue 14's targets met on all titles)
    ("audit15_labels.jsonl", _ROLES_TARGETS),
    # audit16: 262 fresh titles labelled the same way from the
    # titles left after audit15 (seeds 1610, 1620), reviewed by a third labeller before scoring,
    # labelled a second time blind (audit16_second.jsonl: the same labels on every title).
    # Untuned on 366a89f: is_ml F1 0.947, role 100%, seniority 98.1%; on the 240 certain:
    # 0.977 / 100% / 97.9%
    ("audit16_labels.jsonl", _ROLES_TARGETS),
    # audit17: 268 fresh titles labelled the same way from the titles left after audit16 (seeds
    # 1710, 1720), reviewed before scoring (no change), labelled a second time blind
    # (audit17_second.jsonl: the same labels), sealed during round 11. Untuned, the same before
    # (5695f11) and after round 11 (ead836b): is_ml F1 0.900, role 85.7%, seniority 99.3%; on
    # the 247 certain: 1.000 / 100% / 99.2%
    ("audit17_labels.jsonl", _ROLES_TARGETS),
    # audit18: 262 fresh titles labelled the same way from the titles left after audit17 (seeds
    # 1810, 1820), reviewed before scoring (3 `certain` flags), sealed during round 12. Untuned
    # after round 12 (af6eb14): is_ml F1 0.960, role 100% (12 ML), seniority 98.5%; on the 248
    # certain: 1.000 / 100% / 98.4%
    ("audit18_labels.jsonl", _ROLES_TARGETS),
    # audit19, audit20, audit21: a source the rules never saw (Adzuna's 2026 API, Indeed UK and
    # LinkedIn, as public job-scraper repositories committed them: tests/fixtures/roles/
    # AUDIT19.md), titles and locations each labelled by two labellers and reviewed before
    # scoring, then seen in round 16 (tests/fixtures/{roles,location}/ROUND16_AUDIT19.md,
    # ROUND16_AUDIT20.md, ROUND16_AUDIT21.md, ROUND16_AUDIT20_21.md). Untuned, each when first
    # scored: audit19 on 7d03991: is_uk 100%, region 98.7%, city 87.9%; is_ml F1 0.879, role
    # 83.3%, seniority 95.5%
    ("audit19_labels.jsonl", _ISSUE14_TARGETS),
    # audit20 (271 Adzuna "Place, Area" strings) untuned before round 16's location rules
    # (683c0ad): city 73.8%; after them (66e0943, not seen): is_uk 100%, region 100%, city
    # 80.8%. Titles after the audit19 round (ebebe80): 0.882 / 75.6% / 97.7%. A second labeller,
    # blind, agrees with its city labels on 96.7% of the strings: most of the 52 city misses
    # are places the rules cannot yet tell apart (a village beside its post town), not
    # judgement calls
    ("audit20_labels.jsonl", _ISSUE14_TARGETS),
    # audit21 (315 strings, 256 titles) untuned after the audit19 and audit20 rounds (6a8d440):
    # is_uk 100%, region 97.8%, city 92.4%; is_ml F1 0.923, role 83.1%, seniority 99.2%
    ("audit21_labels.jsonl", _ISSUE14_TARGETS),
    # audit22 (144 strings, 226 titles of which 17 ML: a data-analyst source) untuned after all
    # of round 16 (fb8467a): is_uk 100%, region 97.9%, city 83.3%; is_ml F1 0.857, role 88.2%,
    # seniority 95.1% (5 of its 11 seniority misses are AVP, which its labellers read as no
    # level and the rules, with audit20's and audit21's labellers, as executive)
    ("audit22_labels.jsonl", _ISSUE14_TARGETS),
    # audit23, audit24: a second new source (data-analyst dashboards, Reed and Adzuna dumps,
    # AI labs' ATS boards and graduate lists: tests/fixtures/roles/AUDIT23.md), session 17.
    # audit23 untuned on 2087add: is_uk 99.6%, region 97.8%, city 62.4% (Reed's postcodes
    # written alone); is_ml F1 0.906, role 83.1%, seniority 97.0%; seen in session 17's round.
    # A second blind labelling of its titles agrees at 0.960 / 96.6% / 98.1%
    ("audit23_labels.jsonl", _ISSUE14_TARGETS),
    # audit24 untuned: locations on 262c779 (after the postcode-sector rule, before it was
    # labelled): 99.4% / 98.8% / 88.4%; titles before and after session 17's round (the same
    # answers): 0.912 / 85.2% / 100%
    ("audit24_labels.jsonl", _ISSUE14_TARGETS),
    # audit25 (156 titles of graduate and intern lists, 12 ML) untuned on a8b7ad5: is_ml F1
    # 0.909, role 66.7%, seniority 93.6%; seen in its round
    ("audit25_labels.jsonl", _ISSUE14_TARGETS),
    # audit26 (382 strings, 221 titles of which 77 ML): a third new source (civil-service ads'
    # addresses and lists, ATS boards of AI labs and UK employers, Adzuna: AUDIT26.md), session
    # 18, untuned on 1a66e6e: is_uk 99.0%, region 94.2%, city 91.4%; is_ml F1 0.937, role
    # 88.3%, seniority 95.9%; seen in session 18's round
    ("audit26_labels.jsonl", _ISSUE14_TARGETS),
    # audit27 (261 strings, 215 titles of which 73 ML): the same repositories' unread pages,
    # labelled after session 18's round, untuned on ac2f2d7: is_uk 98.9%, region 96.6%, city
    # 89.3%; is_ml F1 0.979, role 95.9%, seniority 98.1%
    ("audit27_labels.jsonl", _ISSUE14_TARGETS),
    # audit28 (295 strings, 233 titles of which 58 ML): a fourth source (LinkedIn internship
    # lists, Reed/Totaljobs/Indeed scrapes: AUDIT26.md), labelled after audit27's round,
    # untuned on 82ddf6c: is_uk 100%, region 98.6%, city 98.6%; is_ml F1 0.941, role 87.9%,
    # seniority 98.3%. Session 18's three sets pooled, each untuned: titles 0.953 / 90.9% /
    # 97.5% (669), locations 99.3% / 96.3% / 93.1% (938)
    ("audit28_labels.jsonl", _ISSUE14_TARGETS),
    # audit29 (207 strings, 342 titles of which 169 ML): Built In London's AI listings, Civil
    # Service Jobs' later pages, jobs.ac.uk (AUDIT29.md), session 19, untuned on 2b7c493:
    # is_uk 98.6%, region 96.6%, city 88.9%; is_ml F1 0.923, role 82.2%, seniority 93.3%
    ("audit29_labels.jsonl", _ISSUE14_TARGETS),
    # audit30 (266 strings, 343 titles of which 186 ML): Glassdoor UK data-science ads, Adzuna
    # care-job display names, Civil Service Jobs' last pages, labelled after session 19's
    # round (not reviewed), untuned on 692fac6: is_uk 100%, region 98.5%, city 86.5%; is_ml F1
    # 0.955, role 89.8%, seniority 98.5%
    ("audit30_labels.jsonl", _ISSUE14_TARGETS),
)


def _roles_figures(scores: dict[str, float]) -> str:
    """The three figures of :func:`score_roles` as every roles line prints them."""
    return (
        f"is_ml F1 {scores['is_ml_f1']:.3f}, role {scores['role']:.1%}, "
        f"seniority {scores['seniority']:.1%}"
    )


def audits(fixtures: Path) -> None:
    """Accuracy on the audit label sets in ``tests/fixtures/{location,roles}/``."""
    print("accuracy on the audit labels (issue 14 targets for audit3)")
    for name, targets in AUDIT_SETS:
        loc_path, roles_path = fixtures / "location" / name, fixtures / "roles" / name
        if loc_path.is_file():
            loc = score_locations(jsonl(loc_path))
            print(
                f"  {name} location ({loc['n']} strings): is_uk {loc['is_uk']:.1%}, "
                f"region {loc['region']:.1%}, city {loc['city']:.1%}, "
                f"county {loc['county']:.1%}, workplace {loc['workplace']:.1%}"
            )
        if roles_path.is_file():
            labels = jsonl(roles_path)
            roles = score_roles(labels)
            print(f"  {name} roles ({roles['n']} titles): {_roles_figures(roles)}")
            for what, key, value in (
                ("the title alone settles the label", "decided_by", "title"),  # audit11
                ("the title's words settle is_ml", "certain", True),  # audit12 and later
            ):
                subset = [row for row in labels if row.get(key) == value]
                if subset:
                    part = score_roles(subset)
                    print(f"    of which {what} ({part['n']} titles): {_roles_figures(part)}")
            second = roles_path.with_name(name.replace("_labels", "_second"))
            if second.is_file():  # the same titles labelled again, blind, by another labeller
                other = jsonl(second)
                both = {row["title"] for row in other if row["certain"]}
                for what, rows in (
                    ("all", labels),
                    (
                        "both labellers certain",
                        [r for r in labels if r["certain"] and r["title"] in both],
                    ),
                ):
                    part = score_roles(rows, classify=labelled_as(other))
                    print(
                        f"    a second blind labelling against these labels, {what} "
                        f"({part['n']} titles): {_roles_figures(part)}"
                    )
            alone = roles_path.with_name(name.replace("_labels", "_title_alone"))
            if alone.is_file():  # the employer-settled titles labelled again, blind, by title
                relabel = {row["title"]: row for row in jsonl(alone)}
                fields = ("is_ml", "role", "seniority")
                mixed = [
                    {**row, **{k: relabel[row["title"]][k] for k in fields}}
                    if row.get("decided_by") == "employer"
                    else row
                    for row in labels
                ]
                part = score_roles(mixed)
                print(
                    "    with the employer-settled titles labelled by the title alone: "
                    f"{_roles_figures(part)}"
                )
        if targets:
            print(f"    targets: {targets}")


def context_decisions(ads: list[dict]) -> None:
    """How many real ads the description/employer decided (gave another ``is_ml`` than the
    title alone), among the ads whose title leaves it undecided, by kind of title."""
    undecided: Counter[str] = Counter()
    decided: Counter[tuple[str, bool]] = Counter()
    for ad in ads:
        title = fold_whitespace(as_text(ad.get("title")))
        description = html_to_text(as_text(ad.get("description")))
        kind = undecided_kind(title) if title and description else None
        if kind is None:
            continue
        undecided[kind] += 1
        role, by_context = classify_ad(title, description, as_text(ad.get("company")))
        if by_context:
            decided[(kind, role.is_ml)] += 1
    kinds = ", ".join(
        f"{kind} {undecided[kind]:,} ({decided[(kind, True)]} to ML, "
        f"{decided[(kind, False)]} to not ML)"
        for kind in UNDECIDED_KINDS
    )
    print(
        f"is_ml decided by description/employer (title undecided): {sum(decided.values()):,} "
        f"of {len(ads):,} ads; undecided titles with a description, by kind: {kinds}"
    )


def memo_caches() -> list:
    """The per-input memo caches of the loaded ``normalize.*`` modules: their bounded
    ``functools.lru_cache``s (the unbounded ``cache``s and ``maxsize=1`` ones hold loaded data:
    gazetteer, world places, date parser settings, and are kept)."""
    found = {}
    for name, module in list(sys.modules.items()):
        if name != "normalize" and not name.startswith("normalize."):
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if callable(info) and (info().maxsize or 0) > 1:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[k] for k in sorted(found)]


def _pass(ads: list[dict]) -> tuple[float, float]:
    """(ads per second of wall-clock time, per second of this process's CPU time) of one pass;
    on a shared machine the CPU-time rate is what one free core would do."""
    started, cpu_started = time.perf_counter(), time.process_time()
    for ad in ads:
        normalize_ad(ad)
    wall = time.perf_counter() - started
    return len(ads) / wall, len(ads) / max(time.process_time() - cpu_started, 1e-9)


def _rates(ads: list[dict], repeats: int, caches: list) -> dict[str, list[tuple[float, float]]]:
    """Per repeat: a cold pass (``caches`` cleared first), then a warm one."""
    out: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": []}
    for _ in range(repeats):
        for cache in caches:
            cache.cache_clear()
        out["cold"].append(_pass(ads))
        out["warm"].append(_pass(ads))
    return out


def throughput(ads: list[dict], repeats: int) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    caches = memo_caches()
    print(f"caches cleared before each cold pass: {', '.join(c.__qualname__ for c in caches)}")
    with_text = [a for a in ads if len(str(a.get("description") or "")) >= 500]
    print(f"normalize step (normalize_ad), one core, median of {repeats} runs [target 2,000 ads/s]")
    subsets = (("every real ad", ads), ("ads with a description >= 500 chars", with_text))
    for label, subset in subsets:
        chars = sum(len(str(a.get("description") or "")) for a in subset) / len(subset)
        print(f"  {label}: {len(subset):,} ads, {chars:,.0f} description chars on average:")
        for state, runs in _rates(subset, repeats, caches).items():
            rates = [r for r, _ in runs]
            print(
                f"    {state}: {statistics.median(rates):,.0f} ads/s (min {min(rates):,.0f}, "
                f"max {max(rates):,.0f}); per CPU second "
                f"{statistics.median(c for _, c in runs):,.0f}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: nothing to measure", file=sys.stderr)
        return 1
    accuracy(args.corpus)
    ads = real_ads(args.corpus)
    context_decisions(ads)
    normalize_ad(ads[0])  # load gazetteer, taxonomy and patterns before timing
    throughput(ads, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
