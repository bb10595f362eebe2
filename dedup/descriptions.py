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
import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datasketch (and the SciPy it imports, ~1 s) loads only when an index is built
    from datasketch import MinHash

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
    words = words[: limit + SHINGLE_WORDS - 1]
    return list(map(" ".join, zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)))


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
    from datasketch import MinHash

    # CRC-32 of each shingle: deterministic across runs (so are the candidates) and cheap.
    sets = [[s.encode("utf-8") for s in set(p)] for p in prefixes]
    return MinHash.bulk(sets, num_perm=NUM_PERM, hashfunc=zlib.crc32)


@lru_cache(maxsize=8)
def _lsh_params(threshold: float) -> tuple[int, int]:
    """LSH bands and rows for ``threshold`` (datasketch's optimum, computed once)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


class DescriptionIndex:
    """MinHash LSH over the first :data:`LSH_SHINGLES` shingles of many texts (datasketch
    ``MinHashLSH``, :data:`NUM_PERM` permutations): :meth:`candidates` gives the indexed keys
    whose prefix may share at least ``threshold`` Jaccard with a key's prefix.

    MinHashes are computed for all texts at once (:meth:`prepare`); keys then enter and leave
    the index one by one (:meth:`insert`, :meth:`remove`), so a caller walking ads in date order
    keeps only the ads of the last 60 days in it. Keys whose prefixes hold the same shingles
    (copies of one text) form one **group**: one MinHash, one LSH entry, always candidates
    together (:meth:`group`, :meth:`hit_groups`), so copies cost the LSH nothing more.
    """

    def __init__(self, threshold: float = 0.5) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=_lsh_params(threshold))
        self._group: dict[str, int] = {}  # key -> its group
        self._hashes: list[MinHash] = []  # group -> MinHash
        self._live: list[set[str]] = []  # group -> its keys in the index

    def prepare(self, items: Iterable[tuple[str, list[str]]]) -> None:
        """Compute the MinHash of each ``(key, shingles)``, once per distinct prefix; texts too
        short to judge are left out (they never become candidates)."""
        by_list: dict[int, int | None] = {}  # id of a shingle list -> its group (lists shared)
        by_prefix: dict[frozenset[str], int] = {}
        new: list[frozenset[str]] = []
        alive = []  # the lists seen, kept alive so their ids stay unique during the loop
        for key, shingle_list in items:
            group = by_list.get(id(shingle_list), -1)
            if group == -1:
                alive.append(shingle_list)
                prefix = frozenset(shingle_list[:LSH_SHINGLES])
                if len(set(shingle_list)) < MIN_SHINGLES:
                    group = None
                else:
                    group = by_prefix.get(prefix)
                    if group is None:
                        group = by_prefix[prefix] = len(self._hashes) + len(new)
                        new.append(prefix)
                by_list[id(shingle_list)] = group
            if group is not None:
                self._group[key] = group
        if new:
            self._hashes.extend(_minhashes([list(p) for p in new]))
            self._live.extend(set() for _ in new)

    def group(self, key: str) -> int | None:
        """The group of a prepared key (``None`` for a text too short or not prepared)."""
        return self._group.get(key)

    def insert(self, key: str) -> bool:
        """Put a prepared key in the index (no-op for a text too short or already in); whether
        it went in."""
        group = self._group.get(key)
        if group is None or key in self._live[group]:
            return False
        if not self._live[group]:
            self._lsh.insert(group, self._hashes[group], check_duplication=False)
        self._live[group].add(key)
        return True

    def remove(self, key: str) -> bool:
        """Take a key out of the index (no-op when it is not in); whether it was in."""
        group = self._group.get(key)
        if group is None or key not in self._live[group]:
            return False
        self._live[group].discard(key)
        if not self._live[group]:
            self._lsh.remove(group)
        return True

    def hit_groups(self, key: str) -> list[int]:
        """The groups in the index whose prefix may be near ``key``'s (its own included when
        other keys of it are in), sorted."""
        group = self._group.get(key)
        if group is None:
            return []
        return sorted(self._lsh.query(self._hashes[group]))

    def members(self, group: int) -> set[str]:
        """The keys of ``group`` in the index now (do not modify)."""
        return self._live[group]

    def candidates(self, key: str) -> list[str]:
        """Keys in the index whose prefix may be near ``key``'s (itself excluded), sorted."""
        found = [k for g in self.hit_groups(key) for k in self._live[g] if k != key]
        return sorted(found)
