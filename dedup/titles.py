"""Job-title normalization and similarity (rapidfuzz).

Titles are compared after :func:`normalize_title`: lower case, punctuation to spaces,
abbreviations expanded and workplace/contract words dropped (``dedup/data/title_words.csv``),
salary figures and the ad's own place names removed ("Data Engineer - Leeds" and
"data engineer (Hybrid)" both give ``"data engineer"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from dedup._data import DATA
from normalize.datafiles import read_csv

_REWRITES: dict[str, str] = {r["from"]: r["to"] for r in read_csv("title_words.csv", DATA)}
_LEVELS: frozenset[str] = frozenset(r["word"] for r in read_csv("level_words.csv", DATA))
_MAX_PHRASE = max(len(k.split()) for k in _REWRITES)
_MONEY = re.compile(r"[£$€]\s*[\d,.]+\s*k?|\b\d[\d,.]*\s*k\b", re.IGNORECASE)
_PUNCT = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> list[str]:
    return _PUNCT.sub(" ", _MONEY.sub(" ", text.lower())).split()


@lru_cache(maxsize=100_000)
def _place_words(places: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(_words(p)) for p in places if p and _words(p))


def normalize_title(title: str | None, places: Iterable[str | None] = ()) -> str:
    """The comparable form of a title: lower-case words joined by one space.

    ``places`` are the ad's own city/county/region names; each is removed where it stands as
    whole words ("Senior Data Scientist - Leeds", places ``["Leeds"]`` ->
    ``"senior data scientist"``). Rewrites of ``title_words.csv`` apply to whole words and
    phrases (longest first). Never raises; ``None`` gives ``""``.
    """
    words = _words(title or "")
    drop = _place_words(tuple(p for p in places if p))
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_PHRASE + 2, len(words) - i), 0, -1):
            phrase = tuple(words[i : i + n])
            if phrase in drop:
                i += n
                break
            key = " ".join(phrase)
            if n <= _MAX_PHRASE and key in _REWRITES:
                out.extend(_REWRITES[key].split())
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def level_words(title: str) -> frozenset[str]:
    """The seniority words (``dedup/data/level_words.csv``) of a normalized title."""
    return frozenset(w for w in title.split() if w in _LEVELS)


def title_similarity(a: str, b: str, strict: bool = False) -> float:
    """Similarity of two normalized titles, 0-100; 0 when their seniority words differ
    (:func:`level_words`). Equal titles give 100.

    Lenient (default, for titles whose role family already says which job it is): rapidfuzz
    ``token_set_ratio`` (word order and extra words of one title cost nothing), capped by
    ``token_sort_ratio`` + 30. ``strict`` (role family "other", where the family says little):
    ``token_sort_ratio``, so "Rail Engineering Level 4 Apprenticeship" and "Business Analysis
    Level 4 Apprenticeship" stay apart."""
    if a == b:
        return 100.0
    if not a or not b or level_words(a) != level_words(b):
        return 0.0
    if strict:
        return float(fuzz.token_sort_ratio(a, b))
    return float(min(fuzz.token_set_ratio(a, b), fuzz.token_sort_ratio(a, b) + 30))
