"""Which postings are one vacancy: the pair rule and the clustering of one block.

Contract (``../shared/DESIGN.md``, "vacancies"): two ads are the same vacancy when they
advertise the same job (same role and seniority) for the same employer in the same place
(town/city; with no town, region or both remote), posted less than 60 days apart (posting date,
else ``first_seen``); salary ranges that do not overlap make two vacancies.

Ads are **blocked** by place, role family and seniority (:attr:`Posting.block`): only ads of one
block are ever compared. Within a block a pair matches (:func:`compare`) when

1. their days are less than :data:`WINDOW_DAYS` apart, their pay is compatible
   (:mod:`dedup.pay`), and their employers are equal (:mod:`normalize.companies`) or one is unknown;
2. and, by one of these rules (:class:`Match.rule`):

   - ``employer+title``: both employers known and equal, titles similar
     (:func:`dedup.titles.title_similarity` >= ``title_min``);
   - ``employer+description``: both employers known and equal, titles loosely similar
     (>= ``title_loose``) and descriptions near-duplicates (containment >= ``description_min``);
   - ``description``: an employer unknown, titles loosely similar and descriptions
     near-duplicates (containment >= ``description_strong``): the text names the employer.

:func:`cluster_block` joins ads in date order; an ad joins the best-matching vacancy whose
first posting is less than 60 days before it and whose members all stay pay-compatible and of
one employer, so no vacancy spans 60 days or more by transitivity.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from dedup.descriptions import DescriptionIndex, containment
from dedup.pay import Pay, compatible, intersect
from dedup.titles import title_similarity

#: Postings this many days apart or more are two vacancies (DESIGN.md).
WINDOW_DAYS = 60


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds of the pair rule (titles 0-100, descriptions 0.0-1.0 containment).

    ``small_block``: blocks with at most this many ads compare every pair of one employer and
    all pairs for description matches without LSH.
    """

    title_min: float = 90.0
    title_loose: float = 50.0
    description_min: float = 0.8
    description_strong: float = 0.8
    small_block: int = 40
    lsh_threshold: float = 0.3


DEFAULT_SETTINGS = MatchSettings()


@dataclass(slots=True)
class Posting:
    """One stored ad as the matcher sees it.

    ``day``: proleptic ordinal of the posting date (``posted_at``, else ``first_seen``);
    ``employer``: :func:`normalize.companies.normalize_company` key or ``None``; ``place``:
    :func:`dedup.places.place_key`; ``title``: :func:`dedup.titles.normalize_title`;
    ``pay``: :func:`dedup.pay.ad_pay`. ``shingles`` are filled on demand from the
    description (``None`` until loaded); ``text_key``, when known, is a digest of the
    description text (16 bytes of BLAKE2b): a loader reads one text per key.
    """

    id: str
    day: int
    employer: str | None
    place: str
    role: str | None
    seniority: str | None
    title: str
    pay: Pay | None
    shingles: list[str] | None = None
    text_key: bytes | None = None

    @property
    def block(self) -> tuple[str, str, str]:
        """``(place, role, seniority)``: only ads of one block are compared."""
        return (self.place, self.role or "", self.seniority or "")


@dataclass(frozen=True, slots=True)
class Match:
    """Why ``ad`` joined the vacancy of ``matched``: the rule and its scores."""

    ad: str
    matched: str
    rule: str
    title_score: float
    description_score: float | None
    days_apart: int

    @property
    def strength(self) -> tuple[int, float, float]:
        """Sort key: the rule's rank, then title score, then description score."""
        rank = {"employer+title": 2, "employer+description": 1, "description": 0}[self.rule]
        return (rank, self.title_score, self.description_score or 0.0)


def compare(a: Posting, b: Posting, settings: MatchSettings = DEFAULT_SETTINGS) -> Match | None:
    """The :class:`Match` of ``a`` to ``b`` by the rules above, or ``None`` when they are two
    vacancies. Description rules need both ``shingles`` loaded (else they do not fire)."""
    if a.block != b.block:
        return None
    days = abs(a.day - b.day)
    if days >= WINDOW_DAYS or not compatible(a.pay, b.pay):
        return None
    if a.employer and b.employer and a.employer != b.employer:
        return None
    known = bool(a.employer and b.employer)
    title = title_similarity(a.title, b.title, strict=(a.role or "other") == "other")
    if known and title >= settings.title_min:
        return Match(a.id, b.id, "employer+title", title, None, days)
    if title < settings.title_loose or a.shingles is None or b.shingles is None:
        return None
    desc = containment(a.shingles, b.shingles)
    if desc is None:
        return None
    if known and desc >= settings.description_min:
        return Match(a.id, b.id, "employer+description", title, round(desc, 4), days)
    if not known and desc >= settings.description_strong:
        return Match(a.id, b.id, "description", title, round(desc, 4), days)
    return None


def vacancy_id(seed_ad_id: str) -> str:
    """The id of the vacancy whose earliest posting is ``seed_ad_id``: ``"v"`` + the first 16
    hex digits of its SHA-1. Deterministic, so recomputing gives the same ids."""
    return "v" + hashlib.sha1(seed_ad_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


#: The strength of an employer+title match on equal titles: the best any match can have.
_STRONGEST = (2, 100.0, 0.0)


class _Signatures:
    """Signatures of the postings of one block: everything :func:`compare` reads of a posting
    but its id, the shingles as a number per distinct list content (a list object is read
    once: copies of one text share their list, see ``dedup.store``). Two postings with one
    signature match any ad equally (same rule and scores)."""

    def __init__(self) -> None:
        self._by_list: dict[int, int] = {}
        self._by_content: dict[tuple[str, ...], int] = {}
        self._lists: list[list[str]] = []  # kept alive, so that list ids stay unique

    def of(self, p: Posting) -> tuple:
        text = None
        if p.shingles is not None:
            text = self._by_list.get(id(p.shingles))
            if text is None:
                text = self._by_content.setdefault(tuple(p.shingles), len(self._by_content))
                self._by_list[id(p.shingles)] = text
                self._lists.append(p.shingles)
        return (p.day, p.employer, p.place, p.role, p.seniority, p.title, p.pay, text)


@dataclass(slots=True)
class _Cluster:
    """A vacancy being built: its seed (earliest posting), and ``members`` with a signature
    (:class:`_Signatures`) no earlier member has, the ones :func:`_best` compares: copies of one
    ad (an aggregator repeating it under new ids) cost one comparison, not one each."""

    seed: Posting
    vacancy: str
    members: list[Posting] = field(default_factory=list)
    employer: str | None = None
    pay: Pay | None = None
    titles: set[str] = field(default_factory=set)
    signatures: set[tuple] = field(default_factory=set)

    def add(self, ad: Posting, signature: tuple) -> bool:
        """Add ``ad``; whether it is a new member (a signature the cluster did not hold)."""
        if signature in self.signatures:
            return False
        self.signatures.add(signature)
        self.members.append(ad)
        return True


def _open(index: dict, key: object, day: int) -> list[_Cluster]:
    """The clusters under ``key`` whose first posting is less than WINDOW_DAYS before ``day``
    (older ones are dropped from the index: ads come in date order)."""
    clusters = index.get(key)
    if not clusters:
        return []
    still_open = [c for c in clusters if day - c.seed.day < WINDOW_DAYS]
    index[key] = still_open
    return still_open


def _best(
    ad: Posting, clusters: Iterable[_Cluster], settings: MatchSettings
) -> tuple[tuple[int, float, float], _Cluster, Match] | None:
    """The strongest match of ``ad`` to a member of a cluster it may join (first wins ties)."""
    best = None
    seen: set[int] = set()
    for cluster in clusters:
        if id(cluster) in seen:
            continue
        seen.add(id(cluster))
        if ad.day - cluster.seed.day >= WINDOW_DAYS:
            continue
        if ad.employer and cluster.employer and ad.employer != cluster.employer:
            continue
        if not compatible(ad.pay, cluster.pay):
            continue
        for member in cluster.members:
            match = compare(ad, member, settings)
            if match is not None and (best is None or match.strength > best[0]):
                best = (match.strength, cluster, match)
                if match.strength == _STRONGEST:  # nothing can beat it; the first one wins ties
                    return best
    return best


class _Near:
    """The clusters of the ads in a :class:`DescriptionIndex`, per LSH group: for each group
    and cluster, its ads in the index (a heap of ids, removed ones skipped lazily), so the
    clusters near an ad come in the order of their smallest candidate id, as they would from
    the sorted candidates, without listing every copy."""

    def __init__(self, index: DescriptionIndex) -> None:
        self.index = index
        self._entries: dict[int, dict[int, tuple[_Cluster, list[str]]]] = {}

    def _smallest(self, ids: list[str], group: int) -> str | None:
        live = self.index.members(group)
        while ids and ids[0] not in live:
            heapq.heappop(ids)
        return ids[0] if ids else None

    def insert(self, ad: Posting, cluster: _Cluster) -> bool:
        """Put ``ad`` (in ``cluster``) in the index; whether the clusters near any ad, or
        their order, may have changed."""
        if not self.index.insert(ad.id):
            return False
        group = self.index.group(ad.id)
        entries = self._entries.setdefault(group, {})
        entry = entries.get(id(cluster))
        if entry is None:
            entries[id(cluster)] = (cluster, [ad.id])
            return True
        smallest = self._smallest(entry[1], group)
        heapq.heappush(entry[1], ad.id)
        return smallest is None or ad.id < smallest

    def clusters(self, ad: Posting) -> list[_Cluster]:
        """The clusters of the indexed ads near ``ad``, by their smallest such ad id."""
        found: dict[int, tuple[str, _Cluster]] = {}
        for group in self.index.hit_groups(ad.id):
            for key, (cluster, ids) in self._entries.get(group, {}).items():
                smallest = self._smallest(ids, group)
                if smallest is not None and smallest != ad.id:
                    if key not in found or smallest < found[key][0]:
                        found[key] = (smallest, cluster)
        return [cluster for _, cluster in sorted(found.values(), key=lambda f: f[0])]


def cluster_block(
    ads: Sequence[Posting],
    load_shingles: Callable[[list[Posting]], None] | None = None,
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> list[tuple[Posting, str, Match | None]]:
    """Cluster the ads of one block into vacancies.

    Returns ``(ad, vacancy id, match)`` per ad, ``match`` ``None`` for the ad that starts its
    vacancy. ``load_shingles(ads)`` fills ``Posting.shingles`` for ads whose description may be
    needed (ads without a known employer, and ads of employers with several titles); without it
    only ``employer+title`` matches are possible. Deterministic: ads are taken in
    ``(day, id)`` order. An ad first looks for a vacancy of its employer holding its exact
    normalized title (the best possible match), then at every open vacancy of its employer,
    then at vacancies whose descriptions the LSH index finds near (for unknown employers).

    Copies: an ad whose signature (everything the rules read but the id) equals an earlier ad's
    takes that ad's decision when nothing the decision reads has changed since (no cluster
    created or changed in members, pay, employer or titles, no ad left the LSH index, no
    cluster came nearer in it): the same vacancy, matched to the same member with the same
    scores, as the full search would give, at the cost of a dictionary lookup.
    """
    order = sorted(ads, key=lambda p: (p.day, p.id))
    unknown = [p for p in order if not p.employer]
    index: DescriptionIndex | None = None
    if load_shingles is not None:
        need = order if unknown else _titles_differ(order, settings)
        if need:
            load_shingles([p for p in need if p.shingles is None])
        if unknown and len(order) > settings.small_block:
            index = DescriptionIndex(settings.lsh_threshold)
            index.prepare((p.id, p.shingles or []) for p in order)
    near_index = _Near(index) if index is not None else None
    signatures = _Signatures()
    cluster_of: dict[str, _Cluster] = {}
    by_employer: dict[str, list[_Cluster]] = {}
    by_title: dict[tuple[str, str], list[_Cluster]] = {}
    result: list[tuple[Posting, str, Match | None]] = []
    live: deque[Posting] = deque()  # ads in the LSH index: the last WINDOW_DAYS days
    epoch = 0  # counts changes of what a decision reads
    decided: dict[tuple, tuple[int, _Cluster, Match]] = {}  # signature -> epoch, its join
    for ad in order:
        if index is not None:
            while live and ad.day - live[0].day >= WINDOW_DAYS:
                if index.remove(live.popleft().id):
                    epoch += 1
        signature = signatures.of(ad)
        before = epoch
        known = decided.get(signature)
        if known is not None and known[0] == epoch:
            cluster, match = known[1], _rematch(known[2], ad.id)
        else:
            best = _search(ad, unknown, order, near_index, cluster_of, by_employer, by_title,
                           settings)  # fmt: skip
            if best is None:
                cluster = _Cluster(seed=ad, vacancy=vacancy_id(ad.id), pay=ad.pay)
                match = None
                epoch += 1
            else:
                _, cluster, match = best
                decided[signature] = (before, cluster, match)
        pay = intersect(cluster.pay, ad.pay)
        if pay != cluster.pay:
            cluster.pay = pay
            epoch += 1
        if cluster.add(ad, signature):
            epoch += 1
        if ad.employer:
            if cluster.employer is None:
                cluster.employer = ad.employer
                by_employer.setdefault(ad.employer, []).append(cluster)
                epoch += 1
            if ad.title not in cluster.titles:
                cluster.titles.add(ad.title)
                by_title.setdefault((ad.employer, ad.title), []).append(cluster)
                epoch += 1
        cluster_of[ad.id] = cluster
        if near_index is not None:
            if near_index.insert(ad, cluster):
                epoch += 1
            live.append(ad)
        result.append((ad, cluster.vacancy, match))
    return result


def _rematch(match: Match, ad_id: str) -> Match:
    return Match(ad_id, match.matched, match.rule, match.title_score, match.description_score,
                 match.days_apart)  # fmt: skip


def _search(
    ad: Posting,
    unknown: list[Posting],
    order: Sequence[Posting],
    near_index: _Near | None,
    cluster_of: dict[str, _Cluster],
    by_employer: dict[str, list[_Cluster]],
    by_title: dict[tuple[str, str], list[_Cluster]],
    settings: MatchSettings,
) -> tuple[tuple[int, float, float], _Cluster, Match] | None:
    """The best vacancy ``ad`` may join (see :func:`cluster_block`), or ``None``."""
    best = None
    if ad.employer:
        best = _best(ad, _open(by_title, (ad.employer, ad.title), ad.day), settings)
        if best is None:
            best = _best(ad, _open(by_employer, ad.employer, ad.day), settings)
    if unknown:
        if near_index is None:
            near = [cluster_of[p.id] for p in order if p.id in cluster_of]
        else:
            near = near_index.clusters(ad)
        if ad.employer:
            near = [c for c in near if c.employer is None]
        other = _best(ad, near, settings)
        if other is not None and (best is None or other[0] > best[0]):
            best = other
    return best


def _titles_differ(order: Sequence[Posting], settings: MatchSettings) -> list[Posting]:
    """Ads of an employer that has more than one normalized title in the block: a description
    may decide whether those titles are one job."""
    titles: dict[str, set[str]] = {}
    for p in order:
        if p.employer:
            titles.setdefault(p.employer, set()).add(p.title)
    return [p for p in order if p.employer and len(titles[p.employer]) > 1]
