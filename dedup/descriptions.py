"""Near-duplicate descriptions: word shingles, truncation-robust containment, MinHash/LSH.

A board often shows a snippet (the first sentences) of the text another board shows in full,
reflowed or as HTML. Texts are compared as sets of word 4-grams ("shingles") of their
lower-cased words, so case, punctuation, line breaks and markup (already stripped into
``ads.description_text``) do not matter. The score is the **containment** of the shorter text
in the longer one: the share of the first :data:`PREFIX_SHINGLES` shingles of the shorter text
that occur among the first :data:`BODY_SHINGLES` shingles of the longer text. A snippet of a
text scores 1.0 against it; two unrelated texts score near 0; two ads of one employer that
share a header but describe other jobs score low, because the whole shorter text (up to
:data:`PREFIX_SHINGLES`) counts, not only its first lines.

Candidates for that exact score are found with datasketch's MinHash LSH on the first
:data:`LSH_SHINGLES` shingles, so a large block is never compared pair by pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 4
#: Shingles taken from the start of the shorter text (a snippet is about 30-80 words: all).
PREFIX_SHINGLES = 200
#: Shingles of the longer text searched (the shorter text is at its start, after any header).
BODY_SHINGLES = 1000
#: Shingles hashed for LSH candidates (a snippet's start equals the full text's start).
LSH_SHINGLES = 40
#: Fewer prefix shingles than this (a text under ~10 words) give no score.
MIN_SHINGLES = 6
NUM_PERM = 64
_WORD = re.compile(r"[a-z0-9]+")


def shingles(text: str | None, limit: int = BODY_SHINGLES) -> list[str]:
    """The first ``limit`` word 4-grams of ``text`` in order (lower-cased ASCII words),
    duplicates kept; ``[]`` for an empty text. A text of 1-3 words gives one shingle."""
    words = _WORD.findall((text or "").lower())
    if not words:
        return []
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words)]
    n = min(limit, len(words) - SHINGLE_WORDS + 1)
    return [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(n)]


def _contained(a: list[str], b: list[str]) -> float:
    head = set(a[:PREFIX_SHINGLES])
    return len(head & set(b)) / len(head)


def containment(a: list[str], b: list[str]) -> float | None:
    """Truncation-robust similarity of two shingle lists (from :func:`shingles`), 0.0-1.0.

    The share of the shorter list's first :data:`PREFIX_SHINGLES` distinct shingles found in
    the longer list; when both texts are long (:data:`PREFIX_SHINGLES` shingles or more),
    neither is a snippet of the other and the lower of the two directions counts. ``None``
    when either text is too short to judge (< :data:`MIN_SHINGLES`)."""
    if len(a) > len(b):
        a, b = b, a
    if len(set(a[:PREFIX_SHINGLES])) < MIN_SHINGLES or len(b) < MIN_SHINGLES:
        return None
    if len(a) >= PREFIX_SHINGLES:
        return min(_contained(a, b), _contained(b, a))
    return _contained(a, b)


def _minhashes(prefixes: list[list[str]]) -> list[MinHash]:
    sets = [[s.encode("utf-8") for s in set(p)] for p in prefixes]
    return MinHash.bulk(sets, num_perm=NUM_PERM)


class DescriptionIndex:
    """MinHash LSH over the prefix shingles of many texts; :meth:`candidates` gives the keys
    whose prefix may share at least ``threshold`` Jaccard with a query's prefix (datasketch
    ``MinHashLSH``, 64 permutations). Keys are any hashable strings."""

    def __init__(self, threshold: float = 0.3) -> None:
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._hashes: dict[str, MinHash] = {}

    def add_many(self, items: Iterable[tuple[str, list[str]]]) -> None:
        """Index ``(key, shingles)`` pairs; texts too short to judge are skipped."""
        kept = [(k, s[:LSH_SHINGLES]) for k, s in items if len(set(s)) >= MIN_SHINGLES]
        if not kept:
            return
        hashes = _minhashes([p for _, p in kept])
        with self._lsh.insertion_session() as session:
            for (key, _), mh in zip(kept, hashes, strict=True):
                session.insert(key, mh, check_duplication=False)
                self._hashes[key] = mh

    def candidates(self, key: str) -> list[str]:
        """Indexed keys whose prefix may be near ``key``'s (itself excluded), sorted."""
        mh = self._hashes.get(key)
        if mh is None:
            return []
        return sorted(k for k in self._lsh.query(mh) if k != key)

    def jaccard(self, a: str, b: str) -> float | None:
        """MinHash estimate of the Jaccard similarity of two indexed prefixes, or ``None``."""
        ma, mb = self._hashes.get(a), self._hashes.get(b)
        if ma is None or mb is None:
            return None
        return float(np.mean(ma.hashvalues == mb.hashvalues))
