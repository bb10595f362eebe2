"""Scoring the normalizers against hand-checked labels (``../shared/corpus/gold``).

Pure functions over already-loaded label rows, shared by the accuracy tests and
``bench/normalize.py`` so both report the same figures. Conventions are those of the gold
README: a null label must come back null (it counts as a miss otherwise).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from normalize.location import Location, parse_location
from normalize.roles import Role, classify_title
from normalize.skills import extract_skills, to_label_scheme


def adzuna_region_label(loc: Location) -> str:
    """A :class:`Location` in the vocabulary of ``adzuna_location_pairs_dev.csv``'s
    ``region_from_raw``: an ITL1 name, ``UK`` (UK, no single region), empty (several
    regions), ``Channel Islands``, ``non-UK``, or ``?`` when it is unknown."""
    if loc.region:
        return loc.region
    if loc.is_uk:
        return "" if loc.multi else "UK"
    if loc.is_uk is False:
        return "Channel Islands" if loc.country in ("GG", "JE") else "non-UK"
    return "?"


def score_locations(rows: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    """Share of ``location_dev.jsonl`` rows whose ``is_uk``, ``region``, ``city``, ``county``
    and ``workplace`` equal the label exactly (None included), and ``n``."""
    fields = ("is_uk", "region", "city", "county", "workplace")
    hits = dict.fromkeys(fields, 0)
    n = 0
    for row in rows:
        loc = parse_location(row["raw"])
        n += 1
        for field in fields:
            hits[field] += getattr(loc, field) == row[field]
    return {"n": n, **{f: hits[f] / n if n else 0.0 for f in fields}}


def score_adzuna_pairs(rows: Iterable[Mapping[str, str]]) -> dict[str, float]:
    """Share of ``adzuna_location_pairs_dev.csv`` pairs whose region label
    (:func:`adzuna_region_label` of ``LocationRaw``) equals ``region_from_raw``, and ``n``."""
    rows = list(rows)
    agree = sum(
        adzuna_region_label(parse_location(r["LocationRaw"])) == r["region_from_raw"] for r in rows
    )
    return {"n": len(rows), "region_agreement": agree / len(rows) if rows else 0.0}


def score_roles(
    rows: Iterable[Mapping[str, Any]], classify: Callable[[str], Any] = classify_title
) -> dict[str, float]:
    """On ``roles_dev.jsonl``: ``is_ml`` F1, ``role`` accuracy among titles labelled ML, and
    ``seniority`` accuracy over every title, with ``n``. ``classify`` reads a title into an
    object with ``is_ml``, ``family`` and ``seniority`` (:func:`classify_title`; or another
    labelling of the same titles, :func:`labelled_as`, to measure how two labellers agree)."""
    tp = fp = fn = role_hits = ml_rows = seniority_hits = n = 0
    for row in rows:
        got = classify(row["title"])
        n += 1
        tp += got.is_ml and row["is_ml"]
        fp += got.is_ml and not row["is_ml"]
        fn += (not got.is_ml) and row["is_ml"]
        if row["is_ml"]:
            ml_rows += 1
            role_hits += got.family == row["role"]
        seniority_hits += got.seniority == row["seniority"]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {
        "n": n,
        "is_ml_f1": f1,
        "role": role_hits / ml_rows if ml_rows else 0.0,
        "seniority": seniority_hits / n if n else 0.0,
    }


def labelled_as(rows: Iterable[Mapping[str, Any]]) -> Callable[[str], Role]:
    """A ``classify`` for :func:`score_roles` that answers each title as the label ``rows``
    (``title``, ``is_ml``, ``role``, ``seniority``) give it: scoring one labelling against
    another of the same titles gives their agreement in the same metrics. Raises ``KeyError``
    for a title the rows do not hold."""
    table = {
        row["title"]: Role(is_ml=row["is_ml"], family=row["role"], seniority=row["seniority"])
        for row in rows
    }
    return table.__getitem__


def score_skills(
    rows: Iterable[Mapping[str, Any]], scheme: str = "tech-salary-radar"
) -> dict[str, float]:
    """Micro precision, recall and F1 of :func:`extract_skills` on ``skills_eval.jsonl``.

    The labels name skills from their project's closed catalogue, so our canonical names are
    projected onto it first (:func:`to_label_scheme`): skills outside it are not scored.
    ``raw_f1`` is the score with no projection, for reference.
    """
    tp = fp = fn = raw_tp = raw_fp = raw_fn = 0
    for row in rows:
        expected = set(row["expected"])
        found = extract_skills(row["text"])
        got = set(to_label_scheme(found, scheme=scheme))
        tp, fp, fn = tp + len(got & expected), fp + len(got - expected), fn + len(expected - got)
        raw = set(found)
        raw_tp += len(raw & expected)
        raw_fp += len(raw - expected)
        raw_fn += len(expected - raw)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    raw_f1 = 2 * raw_tp / (2 * raw_tp + raw_fp + raw_fn) if raw_tp else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "raw_f1": raw_f1}
