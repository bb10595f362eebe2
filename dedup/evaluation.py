"""Scoring the matcher on labelled pairs of postings (``tests/fixtures/dedup/pairs.jsonl``).

The pair file holds no ad text. Each line names two ads of the real corpus by their stored id
(``<source>:<source_id>`` after importing the corpus as :func:`import_corpus` does) and, for
a pair made by re-rendering a real ad as another board would, the transformations that
:func:`rerender` applies at test time::

    {"a": "jobspy:in-9b25...", "b": "jobspy:li-4366...", "label": 1, "kind": "real_cross_board"}
    {"a": "reed_listings_2019:https://...", "b": "reed_listings_2019:https://...",
     "b_transforms": ["snippet", "other_id"], "label": 1, "kind": "rerender"}

``label`` is the contract's answer (1: same vacancy), decided when the pair was made, before
the matcher was tuned. A pair is judged the way a database is: both ads are written to an
empty database and :func:`dedup.store.assign_vacancies` runs over it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.corpus import import_corpus as load_corpus
from db.schema import ADS_COLUMNS, RAW_COLUMNS, ensure_schema, insertable_row
from normalize.ad import normalize_ad


def import_corpus(corpus: str | Path, db_path: str | Path) -> None:
    """Load the real corpus into ``db_path`` as the pair keys expect: the ``pairs`` load of
    ``crawler/data/corpus_files.toml`` (see :func:`crawler.corpus.import_corpus`). Raises
    ``subprocess.CalledProcessError`` when a command fails."""
    load_corpus(corpus, db_path, "pairs")


#: Towns a re-rendered "other town" copy moves to (the first one differing from the ad's).
OTHER_TOWNS: tuple[str, ...] = ("Bristol", "Leeds", "Glasgow", "Cardiff", "Norwich")
#: Company names a re-rendered "other employer" copy takes.
OTHER_EMPLOYERS: tuple[str, ...] = ("Northwind Analytics Ltd", "Blue Harbour Data plc")
_LEVEL_WORDS = re.compile(
    r"\b(senior|sr\.?|snr|junior|jr\.?|jnr|lead|principal|staff|graduate|head of|"
    r"trainee|entry level|mid[- ]level)\b",
    re.IGNORECASE,
)
_RELEVEL = {None: "Senior", "senior": "Junior", "entry": "Senior", "lead": "Junior"}


def _pick(options: Sequence[str], key: str) -> str:
    """A deterministic choice among ``options`` for an ad key (stable across runs)."""
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _words(text: str) -> list[str]:
    return text.split()


def _salary_text(low: float, high: float, key: str) -> str:
    forms = (
        "£{lo:,.0f} - £{hi:,.0f} per annum",
        "£{klo:g}k-£{khi:g}k",
        "{lo:.0f} to {hi:.0f} GBP a year",
    )
    return _pick(forms, key).format(lo=low, hi=high, klo=low / 1000, khi=high / 1000)


def rerender(
    row: Mapping[str, Any], transforms: Iterable[str], key: str
) -> tuple[dict[str, Any], int]:
    """The raw fields of ``row`` (a stored ad) as another board would show them, and a shift
    of the posting date in days.

    Transforms (the contract says the first group does not make two vacancies, the second
    does): ``snippet`` (first 35 words + "..."), ``html`` (paragraphs as HTML, entities
    escaped), ``reflow`` (other line breaks, bullets), ``company_suffix`` (Ltd/Limited/(UK)
    Ltd./plc/upper case), ``location_format`` ("Leeds, UK", "Leeds , West Yorkshire", ...),
    ``title_variant`` (" - <town>", case, "(Hybrid)"), ``salary_text`` (the salary as text in
    another format), ``other_id``, ``shift:N`` (N days later); ``other_town``, ``relevel``
    (another seniority word), ``late:N`` (N >= 60 days later), ``salary_apart`` (a salary
    range above the ad's, for an ad with a salary), ``other_employer`` (another company name).
    ``key`` makes the choices deterministic.
    Raises ``ValueError`` for an unknown transform.
    """
    raw = {c: row.get(c) for c in RAW_COLUMNS}
    text = row.get("description_text") or ""
    shift = 0
    city = row.get("city") or ""
    for name in transforms:
        op, _, arg = name.partition(":")
        if op == "snippet":
            raw["description"] = " ".join(_words(text)[:35]) + "…"
        elif op == "html":
            paras = [html.escape(p) for p in text.split("\n") if p.strip()]
            raw["description"] = "<div>" + "".join(f"<p>{p}</p>" for p in paras) + "</div>"
        elif op == "reflow":
            words = _words(text)
            lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
            raw["description"] = "\n• ".join(lines)
        elif op == "company_suffix":
            name_ = (row.get("company") or "").strip()
            raw["company"] = _pick(
                (f"{name_} Ltd", f"{name_} Limited", f"{name_} (UK) Ltd.", name_.upper(),
                 f"{name_} plc"), key,
            )  # fmt: skip
        elif op == "location_format":
            county = row.get("county") or row.get("region") or ""
            forms = [f"{city}, UK", f"{city}, United Kingdom"]
            if county and county != city:
                forms.append(f"{city} , {county}")
            raw["location_raw"] = _pick(forms, key) if city else raw["location_raw"]
        elif op == "title_variant":
            title = (row.get("title") or "").strip()
            forms = [title.upper(), title.lower(), f"{title} (Hybrid)"]
            if city:
                forms.append(f"{title} - {city}")
            raw["title"] = _pick(forms, key)
        elif op == "salary_text":
            low, high = row.get("salary_annual_min"), row.get("salary_annual_max")
            if low and high:
                raw["salary_raw"] = _salary_text(low, high, key)
                for c in ("salary_min_raw", "salary_max_raw", "salary_period_raw"):
                    raw[c] = None
        elif op == "other_id":
            raw["source"] = "rerender"
            raw["source_id"] = hashlib.sha1(f"{key}|{row['id']}".encode()).hexdigest()[:12]
            raw["url"] = None
        elif op in ("shift", "late"):
            shift += int(arg)
        elif op == "other_town":
            town = next(t for t in OTHER_TOWNS if t.lower() != city.lower())
            raw["location_raw"] = town
        elif op == "relevel":
            title = _LEVEL_WORDS.sub("", row.get("title") or "").strip(" -,/")
            level = _RELEVEL.get(row.get("seniority"), "Senior")
            raw["title"] = f"{level} {title}"
        elif op == "salary_apart":
            high = row.get("salary_annual_max") or 40_000.0
            raw["salary_raw"] = _salary_text(round(high * 1.3, -3), round(high * 1.5, -3), key)
            for c in ("salary_min_raw", "salary_max_raw", "salary_period_raw"):
                raw[c] = None
        elif op == "other_employer":
            raw["company"] = _pick(OTHER_EMPLOYERS, key)
        else:
            raise ValueError(f"unknown transform {name!r}")
    return raw, shift


def _posted(row: Mapping[str, Any]) -> str:
    return str(row.get("posted_at") or row.get("first_seen") or "2026-01-01")[:10]


def pair_rows(
    corpus_db: sqlite_utils.Database, pair: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two stored-ad rows of a pair (transformed ads normalized by
    :func:`normalize.ad.normalize_ad`, with a new id when ``other_id`` applies). Raises
    ``KeyError`` when a key is not in ``corpus_db``."""
    out = []
    for side in ("a", "b"):
        ad_id = pair[side]
        row = next(iter(corpus_db["ads"].rows_where("id = ?", [ad_id])), None)
        if row is None:
            raise KeyError(f"{ad_id!r} not in the corpus database")
        transforms = pair.get(f"{side}_transforms") or ()
        if transforms:
            raw, shift = rerender(row, transforms, f"{pair[side]}|{side}|{','.join(transforms)}")
            posted = date.fromisoformat(_posted(row)) + timedelta(days=shift)
            fields = normalize_ad(raw)
            row = {**row, **raw, **fields, "posted_at": posted.isoformat()}
            row["id"] = f"{row['source']}:{row['source_id']}"
        out.append({c: row.get(c) for c in ADS_COLUMNS})
    a, b = out
    if a["id"] == b["id"]:
        b["id"] += "#b"
    return a, b


def same_vacancy(a: Mapping[str, Any], b: Mapping[str, Any], **settings: Any) -> bool:
    """Whether :func:`dedup.store.assign_vacancies` puts two ad rows in one vacancy (run on a
    fresh in-memory database holding only them)."""
    from dedup.store import assign_vacancies

    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    for row in (a, b):
        db["ads"].insert(insertable_row({k: v for k, v in row.items() if k != "skills"}))
    assign_vacancies(db, **settings)
    ids = [r[0] for r in db.conn.execute("SELECT vacancy_id FROM ads ORDER BY id")]
    return ids[0] == ids[1]


def score(labels: Sequence[int], predictions: Sequence[bool]) -> dict[str, float]:
    """Pair precision, recall and F1 of ``predictions`` against ``labels`` (1 = same
    vacancy), with the counts ``tp``, ``fp``, ``fn``, ``tn`` and ``n``."""
    tp = sum(1 for y, p in zip(labels, predictions, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predictions, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predictions, strict=True) if y and not p)
    tn = len(labels) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "tp": tp, "fp": fp, "fn": fn, "tn": tn, "n": len(labels),
    }  # fmt: skip


def load_pairs(path: str | Path) -> list[dict[str, Any]]:
    """The pairs of a JSON-lines pair file (see the module docstring)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
