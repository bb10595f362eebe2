"""Role family, seniority level and ML relevance from a job title.

The rules live in ``normalize/data/roles.toml`` (ordered regular expressions); this module only
applies them. Conventions follow the hand-checked labels described in
``../shared/corpus/gold/README.md``:

- seniority from the title alone: Graduate/Junior/Associate/Trainee/Apprentice/New Grad/Early
  Career -> ``entry``; Senior/Sr -> ``senior``; Lead and any Manager below Director -> ``lead``;
  Staff/Senior Staff/Principal -> ``principal``; Head of/Director/VP -> ``executive`` (AVP
  too, read as the README's VP; a rank or a manager grade written on an individual
  contributor's post keeps the post's family: "Vice President, ML Engineer" and "Manager, ML
  Engineer" are ``ml_engineer``; a Group Leader is a manager);
  Intern/Working Student/Placement -> ``intern``; Level I/II/III -> entry/mid/senior (IV and L4
  -> senior, the README's highest numbered level) unless an explicit level word says otherwise;
  a range ("Senior / Staff", "Senior Data Analyst / Manager", "Associate or Vice President")
  takes the lowest level;
  "(Senior)" as an option, Member of Technical Staff, Founding and Fellow give ``None``.
- role: Applied/ML Scientist -> ``data_scientist``; a dual title takes the first role named
  (two fields on one engineer noun too: "AI/ML Engineer" -> ``ai_engineer``, "ML/AI Engineer"
  -> ``ml_engineer``; two posts joined by a bare slash, "Data Engineer/Data Scientist" ->
  ``data_engineer``); ML infrastructure, platform, inference and training systems (an ML
  engineer's compilers, runtime, kernels too) -> ``mlops_engineer``; analytics engineer ->
  ``data_engineer``; an Assistant Director is a director; learning and development posts in an
  ML field teach it (not ML).
- ``is_ml``: every data-scientist title counts; customer-facing, architect, sales, success,
  support, legal, recruiting, marketing and annotation roles do not, even with AI/ML in the title;
  data engineers only when ML is central. ML work named without ML words counts: a stage of the
  model life cycle, what training runs on (frontier clusters, research infrastructure), an AI
  lab's product by name (``normalize/data/ai_products.txt``: Claude, ChatGPT, Codex, ...), the
  safety of models against misuse (safeguards, preparedness, red-teaming of models), the data
  that trains them (a data flywheel, frontier or human-feedback data), a software engineer on a
  team or product named as AI (the seen label sets' majority reading: ai_engineer, its
  infrastructure mlops_engineer). Client-side, identity, security, billing and developer
  productivity work on or with an AI product (an iOS or SDK engineer, a front-end team written
  after the role, login, billing, AI tooling of one's own engineers or of a business function's
  systems, AI-accelerated software delivery), and "AI" listed beside one software stack
  ("Salesforce & AI"), do not.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from normalize.companies import normalize_company

__all__ = [
    "ROLE_FAMILIES",
    "SENIORITY_LEVELS",
    "UNDECIDED_KINDS",
    "Role",
    "classify_ad",
    "classify_title",
    "undecided_kind",
]

ROLE_FAMILIES: tuple[str, ...] = (
    "ml_engineer",
    "data_scientist",
    "research_scientist",
    "research_engineer",
    "mlops_engineer",
    "ai_engineer",
    "computer_vision_engineer",
    "nlp_engineer",
    "data_engineer",
    "ml_manager",
    "other",
)
SENIORITY_LEVELS: tuple[str, ...] = (
    "intern",
    "entry",
    "mid",
    "senior",
    "lead",
    "principal",
    "executive",
)
# Ladder words compared with each other (intern, manager and executive are decided first).
_LADDER = ("entry", "mid", "senior", "lead", "principal")
# Levels below a manager's (lead): a range with a manager word lowers the level only to these.
_BELOW_LEAD = frozenset(SENIORITY_LEVELS[: SENIORITY_LEVELS.index("lead")])
_NON_ML_FAMILIES = frozenset({"data_engineer", "other"})

_DATA_FILE = Path(__file__).resolve().parent / "data" / "roles.toml"
_PRODUCTS_FILE = Path(__file__).resolve().parent / "data" / "ai_products.txt"


@dataclass(frozen=True, slots=True)
class Role:
    """A classified job title.

    ``family`` is one of :data:`ROLE_FAMILIES`; ``seniority`` one of :data:`SENIORITY_LEVELS`
    or ``None`` when the title gives no level; ``is_ml`` says whether a UK ML job-market report
    counts the ad.
    """

    family: str
    seniority: str | None
    is_ml: bool


@dataclass(frozen=True, slots=True)
class _FamilyRule:
    name: str
    pattern: re.Pattern[str]
    requires: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    gate: str | None

    def names(self, text: str) -> bool:
        """Whether ``text`` names this family by its ``pattern``, not undone by its ``unless``
        (its ``requires`` and ``gate`` are :func:`_match_family`'s to apply)."""
        return bool(self.pattern.search(text)) and not (self.unless and self.unless.search(text))


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Named sub-patterns of ``roles.toml`` written once and substituted as ``{name}`` into the
# other patterns, in this order (a later part may use an earlier one).
_PARTS = (
    "internship",
    "field_lead",
    "lead_of_field",
    "predictive_field",
    "model_gap",
    "predictive",
    "model_store",
    "training_systems",
    "desk_roles",
    "maker_roles",
    "product_builder",
    "collectives",
    "accelerator_infra",
    "ml_compute",
    "ml_frameworks",
    "ai_coding",
    "software_stack",
    "assistant_team",
    "client_spares",
    "client_team",
    "mts_systems",
    "mts_research",
    "mts_modality",
    "robot_control",
    "model_safety",
    "ml_duty",
    "sales_modelled",
    "foundation_model",
    "teaching_post",
)
# Named sub-patterns of ``[seniority]`` and ``[clean]``, as (section, name), substituted in the
# same way and in this order, before :data:`_PARTS` (a later part may use an earlier one).
_SECTION_PARTS = (
    ("seniority", "head_rank"),
    ("seniority", "mid_not_level"),
    ("seniority", "range_separator"),
    ("seniority", "grade_separator"),
    ("clean", "graded_post_noun"),
    ("clean", "graded_post"),
)
_PLACEHOLDER = re.compile(
    r"\{(" + "|".join((*_PARTS, *(n for _, n in _SECTION_PARTS), "ai_products")) + r")\}"
)


def _product_names(path: Path) -> str:
    """The AI products of ``ai_products.txt`` as one alternation (no ``\\b``: the patterns
    that use ``{ai_products}`` put it inside their own word boundaries); a space in a name
    also matches a hyphen or nothing. Raises ``ValueError`` when the file names none."""
    names = [
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not names:
        raise ValueError(f"{path}: no product names")
    # longest first, so "gpt 4o" is tried before "gpt 4"
    names.sort(key=len, reverse=True)
    return "(?:" + "|".join(r"[ -]?".join(map(re.escape, n.split())) for n in names) + ")"


def _expand(node: object, parts: dict[str, str]) -> object:
    """Substitute the named sub-patterns (:data:`_PARTS`, :data:`_SECTION_PARTS` and
    ``{ai_products}``) into every string of the loaded TOML, so each phrase list is written
    once."""
    if isinstance(node, str):
        return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], node)
    if isinstance(node, list):
        return [_expand(v, parts) for v in node]
    if isinstance(node, dict):
        return {k: _expand(v, parts) for k, v in node.items()}
    return node


class _Rules:
    """The compiled contents of ``roles.toml``."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        ml = data["ml"]
        parts = {"ai_products": _product_names(_PRODUCTS_FILE)}
        for section, name in _SECTION_PARTS:
            parts[name] = cast(str, _expand(data[section][name], parts))
        for name in _PARTS:
            parts[name] = cast(str, _expand(ml[name], parts))
        data = cast(dict[str, Any], _expand(data, parts))
        clean, sen, ml = data["clean"], data["seniority"], data["ml"]
        self.drop = _any(clean["drop"])
        self.plural_role = re.compile(clean["plural_role"])
        self.short_role = [(re.compile(a), b) for a, b in clean["short_role"]]
        self.neutral = _any(clean["neutral"])
        self.family_rewrite = [(re.compile(a), b) for a, b in clean["family_rewrite"]]
        self.optional_prefix = re.compile(sen["optional_prefix"])
        self.client_manager = re.compile(sen["client_manager"])
        self.intern = _any(sen["intern"])
        self.executive = _any(sen["executive"])
        self.manager = _any(sen["lead_manager"])
        self.manager_levels = frozenset(_LADDER.index(level) for level in sen["manager_levels"])
        self.ladder = [(level, _any(sen[level])) for level in _LADDER]
        self.numbered = re.compile(sen["numbered"])
        self.numbered_levels: dict[str, str] = sen["numbered_levels"]
        self.grade_option = re.compile(sen["grade_option"])
        self.grade_separator = re.compile(sen["grade_separator"])
        self.range_separator = re.compile(sen["range_separator"])
        self.grade_or_manager = re.compile(sen["grade_or_manager"])
        self.title_range = re.compile(sen["title_range"])
        # a post that is a title of its own without a role noun: a lead or an academic post
        self.lead_title = re.compile(f"{sen['lead_title']}|{sen['academic_post']}")
        self.combined_separator = re.compile(sen["combined_separator"])
        self.own_title = re.compile(sen["own_title"])
        self.ml_words = re.compile(ml["words"])
        self.research_words = re.compile(ml["research_words"])
        self.research_non_ml = re.compile(ml["research_non_ml"])
        self.research_non_ml_compound = re.compile(ml["research_non_ml_compound"])
        self.research_academic = re.compile(ml["research_academic"])
        self.exclude_always = _any(ml["exclude_always"])
        self.excluded_posts = re.compile(ml["excluded_posts"])
        self.exclude = _any(ml["exclude"])
        self.exclude_unless = _any(ml["exclude_unless"])
        self.exclude_in_qualifier = _any(ml["exclude_in_qualifier"])
        self.role_nouns = re.compile(ml["role_nouns"])
        self.dual_separator = re.compile(ml["dual_separator"])
        self.data_ml_modifier = re.compile(data["data_gate"]["ml_modifier"])
        self.families = [
            _FamilyRule(
                name=f["name"],
                pattern=re.compile(f["pattern"]),
                requires=_requires(f, path),
                unless=re.compile(f["unless"]) if "unless" in f else None,
                gate=f.get("gate"),
            )
            for f in data["family"]
        ]
        unknown = {f.name for f in self.families} - set(ROLE_FAMILIES)
        if unknown:
            raise ValueError(f"{path}: unknown role families {sorted(unknown)}")
        self.data_scientist = next(f for f in self.families if f.name == "data_scientist")
        ctx = data["context"]
        self.undecided = re.compile(ctx["undecided"])
        # matched on lower-cased text: 4x faster than re.IGNORECASE on long descriptions
        self.context_terms = re.compile(r"\b(?:" + "|".join(ctx["terms"]) + r")\b")
        self.context_min_terms: int = ctx["min_terms"]
        self.context_min_density: float = ctx["min_density"]
        self.context_negative_min_words: int = ctx["negative_min_words"]
        self.ai_employers = _employer_keys(ctx["ai_employers"], path)
        self.context_families = [(re.compile(a), b) for a, b in ctx["families"]]


def _requires(family: dict[str, Any], path: Path) -> re.Pattern[str] | None:
    """A family rule's ``requires`` compiled (``None`` when it has none), with the family's
    ``field``, the names of its field, put for ``{field}`` (which ``[ml] field_lead`` and
    ``lead_of_field`` leave there). Raises ``ValueError`` when ``requires`` needs a field and
    the family gives none."""
    if "requires" not in family:
        return None
    pattern: str = family["requires"]
    if "{field}" in pattern:
        if "field" not in family:
            raise ValueError(f"{path}: family {family['name']!r} names a field lead, no field")
        pattern = pattern.replace("{field}", family["field"])
    return re.compile(pattern)


def _employer_keys(names: list[str], path: Path) -> frozenset[str]:
    """The employer keys (:func:`normalize.companies.normalize_company`) of the names listed in
    ``[context] ai_employers``, so that an entry and a board's spelling meet whatever the legal
    suffix ("Acme Ltd" and "The Acme Company" both key ``"acme"``).

    Raises ``ValueError`` when an entry has no key (blank) or two entries share one (a
    duplicate in the reviewed list)."""
    keys: dict[str, str] = {}
    for name in names:
        key = normalize_company(name)
        if key is None:
            raise ValueError(f"{path}: blank name in [context] ai_employers")
        if key in keys:
            raise ValueError(
                f"{path}: [context] ai_employers lists {keys[key]!r} and {name!r}, one employer"
                f" ({key!r})"
            )
        keys[key] = name
    return frozenset(keys)


_RULES = _Rules(_DATA_FILE)

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
# Where the role itself ends and qualifiers begin ("ML Engineer - Ads", "Researcher, Safety").
_HEAD_END = re.compile(r"\s-\s|\s*[,:;(|]")
_SPACES = re.compile(r"\s+")
_SLASH = re.compile(r"\s*/\s*")
# An ampersand ("and" once cleaned) between two titles.
_SAME_POST = re.compile(r"\s+and\s+")
# The person ("Consultant, Data Scientist"), not the field ("AI-Driven Data Science").
_SCIENTIST = re.compile(r"\bscientists?\b")
# The bare noun "Researcher", not a research scientist or engineer (an AI lab's titles).
_RESEARCHER = re.compile(r"\bresearchers?\b")
# A parenthesised list of titles offered ("... (Solutions Architect, Sr. Solutions Architect)").
_PAREN = re.compile(r"\(([^()]*)\)")


def _clean(title: str) -> str:
    # NFKC folds compatibility characters: Roman numerals "Ⅱ" -> "II", full-width letters
    t = _DASHES.sub("-", unicodedata.normalize("NFKC", title).lower())
    t = t.replace("&", " and ").replace("\u2019", "'")
    t = _RULES.drop.sub(" ", t)
    for short, full in _RULES.short_role:
        t = short.sub(full, t)
    t = _RULES.plural_role.sub(r"\1", t)
    return _SPACES.sub(" ", t).strip()


def _seniority(t: str) -> str | None:
    r = _RULES
    t = r.neutral.sub(" ", t)
    t = r.client_manager.sub(r"\1 ", t)
    t = r.optional_prefix.sub("", t)
    if r.intern.search(t):
        return "intern"
    graded = _graded_options(t)
    if graded is not None:
        return graded
    if r.executive.search(t):
        return _combined_level(t) or "executive"
    offered = _offered_level(t)
    if offered is not False:
        return offered
    hits = _ladder_hits(t)
    if r.manager.search(t):
        ranged = _manager_range(t) or _grade_or_manager(t, hits)
        if ranged is not None:
            return ranged
        # a manager is lead, unless a higher grade is written on it ("Principal ... Manager")
        grades = {h[2] for h in hits} & r.manager_levels
        return _LADDER[max(grades)] if grades else "lead"
    if hits:
        # two titles offered ("Electrical Engineer / Senior Engineer"): a range whose lowest
        # option has no level gives none
        parts = r.dual_separator.split(t)
        if len(parts) == 1:
            # "Data Analyst/Senior Data Analyst": two titles joined by a bare slash; not a
            # second role noun alone after it, which shares the words before ("Graduate
            # Quantitative Trader/Researcher 2026", "ML Engineer/Researcher - Graduate
            # Programme": the level written is both's; audit25); or the same post at two
            # levels joined by an ampersand ("Data Engineer & Senior Data Engineer": audit27;
            # not two duties of one post, "Data Analyst & Field Team Leader")
            slashed = _SLASH.split(t)
            if len(slashed) == 1:
                slashed = _SAME_POST.split(t)
                if len(slashed) == 2 and slashed[0].split()[-1:] != slashed[1].split()[-1:]:
                    slashed = [t]
            if (
                len(slashed) == 2
                and all(_names_role(q, r.lead_title) for q in slashed)
                and not _bare_noun(slashed[1])
            ):
                parts = slashed
        if (
            len(parts) == 2
            and any(r.numbered.search(q) for q in parts)
            and all(_names_role(q, r.lead_title) for q in parts)
        ):
            # a numbered grade offered beside a level ("Data Scientist III / Staff Data
            # Scientist", "Senior Data Scientist / Data Scientist II"): each title read whole
            # (III -> senior), the lowest of the two (README: a range takes the lowest)
            lowest = _lowest_level(parts)
            if lowest is not None:
                return lowest
        if (
            len(parts) > 1
            and _names_role(parts[0], r.lead_title)
            and not r.numbered.search(parts[0])
        ):
            first = _ladder_hits(parts[0])
            if not first:
                # the first title has no level: the range's lowest is none, unless a title below
                # it is offered ("Data Analyst / Junior Data Scientist" -> entry: audit26; a
                # bare grade is none: "Software Engineer - Analyst or Associate")
                rest = [h[2] for q in parts[1:] if r.role_nouns.search(q) for h in _ladder_hits(q)]
                return _LADDER[0] if rest and max(rest) == 0 else None
            # each title with its own level ("Senior Engineer / Staff Engineer"): the lowest
            levels = [max(h[2] for h in _ladder_hits(q) or [(0, 0, -1)]) for q in parts]
            if len(parts) == 2 and min(levels) >= 0 and _names_role(parts[1], r.lead_title):
                return _LADDER[min(levels)]
            # the same post offered unlevelled after a level ("Senior Lecturer / Lecturer in
            # Physiology": audit29): a range whose lowest option has no level gives none, as
            # "Lecturer / Senior Lecturer" does
            head = parts[0].split()[-1]  # the first post's noun (it names a role: not empty)
            if len(parts) == 2 and levels[0] > 0 > levels[1] and head in parts[1].split()[:2]:
                return None
        # Keep the longest match where two overlap ("senior staff" over "senior" and "staff").
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        kept: list[tuple[int, int, int]] = []
        for h in hits:
            if kept and h[0] < kept[-1][1]:
                continue
            kept.append(h)
        in_range = {
            i
            for a, b in zip(range(len(kept)), range(1, len(kept)), strict=False)
            if r.range_separator.fullmatch(t[kept[a][1] : kept[b][0]])
            for i in (a, b)
        }
        if in_range:
            return _LADDER[min(kept[i][2] for i in in_range)]
        return _LADDER[max(h[2] for h in kept)]
    m = r.numbered.search(t)
    if m:
        return r.numbered_levels[next(g for g in m.groups() if g)]
    return None


_WORD = re.compile(r"[^\W\d_]+")


def _bare_noun(q: str) -> bool:
    """Whether ``q``, the option after a bare slash, is one word (numbers aside) up to its first
    separator: a second role noun sharing the words before the slash ("Researcher 2026",
    "Scientist - London"), not a title of its own ("Senior Data Analyst")."""
    return len(_WORD.findall(_HEAD_END.split(q, maxsplit=1)[0])) == 1


def _names_role(q: str, post: re.Pattern[str]) -> bool:
    """Whether ``q``, one option of a title joined by a separator, is a title of its own: it
    names a role noun ("Data Analyst", "Senior Cloud Support Specialist") or a post without
    one, matched by ``post``: a lead or academic post for the levels of a range ("Team Lead
    Support", "Tech Lead", "Research Associate"; ``[seniority] lead_title`` and
    ``academic_post``), an executive title for the role named first ("Head of
    Data"; ``[seniority] executive``)."""
    return bool(_RULES.role_nouns.search(q) or post.search(q))


def _manager_range(t: str) -> str | None:
    """The lowest level of two or more titles offered together, one of them a manager, each a
    title of its own with a level ("Senior Data Analyst / Manager" -> ``senior``, "Data Manager
    / Junior Data Analyst" -> ``entry``, "Senior Consultant to Manager" -> ``senior``: README,
    a range takes the lowest level, a manager being lead); ``None`` when ``t`` is no such
    range or an option gives no level ("Software Engineer/Deputy Manager", "Senior/ Manager,
    ...": the manager rule then gives lead) or the lowest is lead or above (the manager rule
    decides: "Staff Engineer / Engineering Manager" keeps principal, the grade written on a
    manager title, as before round 10)."""
    r = _RULES
    parts = r.dual_separator.split(t)
    if len(parts) == 1:
        parts = _SLASH.split(t)
    if len(parts) == 1:
        parts = r.title_range.split(t)
    if len(parts) < 2 or not all(_names_role(q, r.lead_title) for q in parts):
        return None
    lowest = _lowest_level(parts)
    return lowest if lowest in _BELOW_LEAD else None


def _grade_or_manager(t: str, hits: list[tuple[int, int, int]]) -> str | None:
    """The level of a grade offered or a manager, the role noun written once ("Private Client
    Tax Senior or Manager" -> ``senior``, "Senior Associate or Manager" -> ``senior``: README,
    a range takes the lowest level, a manager being lead); the grade is the option before "or"
    read whole (:func:`_seniority`). ``None`` when no ladder word stands right before "or" and
    a manager word (``[seniority] grade_or_manager``) or the grade is lead or above."""
    for m in _RULES.grade_or_manager.finditer(t):
        if any(h[1] == m.start() for h in hits):
            level = _seniority(t[: m.start()])
            return level if level in _BELOW_LEAD else None
    return None


def _lowest_level(options: list[str]) -> str | None:
    """The lowest of the levels of ``options`` (titles offered together, each read by
    :func:`_seniority`; README: a range takes the lowest level); ``None`` when any option
    gives no level."""
    levels = [_seniority(q) for q in options]
    if any(level is None for level in levels):
        return None
    return SENIORITY_LEVELS[min(SENIORITY_LEVELS.index(cast(str, level)) for level in levels)]


def _graded_options(t: str) -> str | None:
    """The lowest level of options joined by slashes or "or" (``[seniority] grade_separator``)
    when at least one option is a bare grade ("Senior Analyst/Associate" -> ``entry``,
    "Senior/Associate/Associate Director Engineer" -> ``entry``, "... - Associate or Vice
    President" -> ``entry``: README, a range takes the lowest level); ``None`` when ``t`` is no
    such range, an option gives no level, or a manager or numbered grade is named (the other
    rules then decide)."""
    r = _RULES
    options = r.grade_separator.split(t)
    if len(options) < 2 or not any(r.grade_option.fullmatch(q) for q in options):
        return None
    if r.manager.search(t) or r.numbered.search(t):
        return None
    return _lowest_level(options)


def _combined_level(t: str) -> str | None:
    """The lowest level of two or more titles named together, one of them executive ("Lead
    Data Scientist - Head of People Analytics" -> ``lead``); ``None`` when ``t`` is not such a
    combination (fewer than two parts that are titles of their own with a level)."""
    r = _RULES
    # options joined by " / " or " or " ("Engineering Manager / Director"): each with a role noun
    parts = [q for q in r.dual_separator.split(t) if r.role_nouns.search(q)]
    if len(parts) < 2:
        parts = [q for q in r.combined_separator.split(t) if r.own_title.search(q)]
    if len(parts) < 2:
        return None
    lowest = _lowest_level(parts)
    return lowest if lowest != "executive" else None


def _offered_level(t: str) -> str | None | bool:
    """The level of a title offering a list of titles in parentheses, each with a role noun
    ("Architect (Architect, Sr. Architect, Lead Architect)"): a range, so the lowest level, and
    ``None`` when one of them has no level; ``False`` when there is no such list (the other
    rules then decide)."""
    r = _RULES
    for m in _PAREN.finditer(t):
        options = [q for q in m.group(1).split(",") if q.strip()]
        if len(options) < 2 or not all(r.role_nouns.search(q) for q in options):
            continue
        levels = [max((h[2] for h in _ladder_hits(q)), default=-1) for q in options]
        return None if min(levels) < 0 else _LADDER[min(levels)]
    return False


def _ladder_hits(t: str) -> list[tuple[int, int, int]]:
    """Every ladder word in ``t`` as ``(start, end, rank in _LADDER)``."""
    return [
        (m.start(), m.end(), rank)
        for rank, (_level, pattern) in enumerate(_RULES.ladder)
        for m in pattern.finditer(t)
    ]


def _primary(t: str, options: list[str] | None = None) -> str:
    """The first role of a dual title ("Research Engineer / Research Scientist"), with the
    team written once after the last role when the first has none of its own ("Staff Engineer
    / Engineering Manager, Inference" -> "staff engineer, inference"). ``options`` is ``t``
    split on ``[ml] dual_separator`` when the caller has it already (split here otherwise)."""
    r = _RULES
    parts = r.dual_separator.split(t) if options is None else options
    if len(parts) > 2 and not _names_role(parts[0], r.executive):
        # three or more options, the first a field with no role noun ("Business Consulting /
        # Data Analyst / Data Scientist"): the first option that names a role (a head-of post
        # is one: "Head of Data / ML Engineer / Analyst", second reading)
        parts = parts[next((i for i, q in enumerate(parts) if _names_role(q, r.executive)), 0) :]
    if len(parts) > 1 and r.role_nouns.search(parts[0]):
        shared = _HEAD_END.search(parts[-1])
        if shared and not _HEAD_END.search(parts[0]):
            return parts[0] + parts[-1][shared.start() :]
        return parts[0]
    return t


def _bare_research_in_list(parts: list[str], p: str) -> bool:
    """Whether a title split into ``parts`` on ``[ml] dual_separator`` offers three or more
    options whose first, ``p`` (:func:`_primary`), is a "Researcher" with no topic
    ("Researcher / Data Analyst / R") and none of the others an ML role: such a bare
    "Researcher" is no ML role (audit14, both labellings; README, the first role named). Alone,
    beside an ML role, or as a research scientist or engineer ("Research Engineer / Software
    Engineer / Data Engineer") it keeps the research reading (left to the description)."""
    r = _RULES
    if len(parts) < 3:
        return False
    family, is_ml = _match_family(p)
    if not is_ml or family != "research_scientist" or not _RESEARCHER.search(p):
        return False
    if r.ml_words.search(p) or r.research_words.search(p):
        return False
    return not any(_match_family(q)[1] for q in parts[1:])


def _ml_post_first(p: str) -> tuple[str, bool] | None:
    """The family of the ML post named before ``p``'s first separator, when the words after
    it are the post's domain and no exclusion undoes it: ``(family, True)``, else ``None``.

    The first role named decides (README: "a dual title takes the first role named"), so an
    excluded word only in the qualifier is what the post models or builds for ("Machine
    Learning Engineer - Sales Forecasting", "AI Engineer, Recruitment Platform", "Staff ML
    Engineer - Policy & Safety"). The head must name an ML family (:func:`_match_family`) with
    an ML word, or be a data scientist (every data-scientist title counts, README; probe 14),
    and hold no always-excluded word ("AI Sales Engineer", "Sales Forecasting Data Scientist").
    Not for an excluded post written after it, another post offered ("ML Engineer -
    Recruiter": ``[ml] excluded_posts``), nor, unless a data scientist, for a head with an
    ``[ml] exclude`` word or a customer-facing qualifier ("AI Engineer, Sales Enablement":
    ``[ml] exclude_in_qualifier``)."""
    r = _RULES
    head = _HEAD_END.split(p, 1)[0]
    if head == p or r.exclude_always.search(head) or r.excluded_posts.search(p[len(head) :]):
        return None
    if not r.data_scientist.names(head) and (
        not r.ml_words.search(head) or r.exclude.search(head) or r.exclude_in_qualifier.search(p)
    ):
        return None
    family, is_ml = _match_family(head)
    return (family, is_ml) if is_ml else None


def _family(t: str) -> tuple[str, bool]:
    r = _RULES
    t = r.client_manager.sub(r"\1 ", t)
    for pattern, replacement in r.family_rewrite:
        t = pattern.sub(replacement, t)
    parts = r.dual_separator.split(t)
    p = _primary(t, parts)
    if _bare_research_in_list(parts, p):
        return "other", False
    keep = r.exclude_unless.search(p)
    if r.exclude_always.search(p) and not keep:
        return _ml_post_first(p) or ("other", False)
    ds = r.data_scientist
    is_ds = ds.names(p)
    if is_ds:
        # data science named only in a qualifier of another role ("Value Engineer (AI-Driven
        # Data Science)") does not make a data-scientist title, nor does a scientist named
        # after an excluded role ("Product Owner (Data Scientist)": the first role named)
        head = _HEAD_END.split(p, 1)[0]
        is_ds = (
            bool(ds.pattern.search(head))
            or not r.role_nouns.search(head)
            or (bool(_SCIENTIST.search(p)) and not r.exclude.search(head))
        )
    if not is_ds and not keep and r.exclude.search(p):
        # An exclusion word only in a qualifier does not undo an ML role named before it
        # ("Staff ML Engineer - Policy & Safety", "AI Product Engineer, Agent Governance").
        first = _ml_post_first(p)
        if first is not None:
            return first
        # Excluded from the ML count; a data-engineering title keeps its (non-ML) family.
        family, _ = _match_family(p)
        return (family if family == "data_engineer" else "other"), False
    return _match_family(p)


def _match_family(p: str) -> tuple[str, bool]:
    r = _RULES
    for rule in r.families:
        if not rule.names(p) or (rule.requires is not None and not rule.requires.search(p)):
            continue
        if rule.gate == "research":
            if r.ml_words.search(p):
                return rule.name, True
            if r.research_academic.search(p):
                return "other", False
            if r.research_words.search(p):
                return rule.name, True
            if r.research_non_ml.search(p) or r.research_non_ml_compound.search(p):
                return "other", False
            return rule.name, True
        if rule.gate == "data":
            return rule.name, bool(r.data_ml_modifier.search(p))
        return rule.name, rule.name not in _NON_ML_FAMILIES
    return "other", False


@lru_cache(maxsize=65536)
def _classify(title: str) -> Role:
    t = _clean(title)
    family, is_ml = _family(t)
    return Role(family=family, seniority=_seniority(t), is_ml=is_ml)


#: Kinds of title whose ``is_ml`` the title alone leaves open (see ``[context]`` in roles.toml).
UNDECIDED_KINDS: tuple[str, ...] = ("technical", "research", "qualified", "data")


@lru_cache(maxsize=65536)
def _undecided_kind(title: str) -> str | None:
    """Which kind of undecided title ``title`` is (one of :data:`UNDECIDED_KINDS`), or
    ``None`` when the title decides ``is_ml`` alone.

    - ``technical``: a technical role noun, no ML word, no exclusion, no non-ML research topic
      ("Software Engineer", "Member of Technical Staff, Search", "PhD Fellowship"): not ML
      unless the description is;
    - ``research``: a research title with no topic at all ("Research Scientist", "Senior
      Research Engineer"): ML unless a long description shows no ML work;
    - ``qualified``: an ML role named before a customer-facing qualifier ("Machine Learning
      Engineer (Partnerships)"): not ML unless the description shows hands-on ML work;
    - ``data``: a data-engineering title with no ML qualifier ("Data Engineer"): ML when the
      description makes ML central (README: data engineers only when ML is central).
    """
    r = _RULES
    t = _clean(title[:300])
    for pattern, replacement in r.family_rewrite:
        t = pattern.sub(replacement, t)
    role = _classify(title[:300])
    excluded = bool(r.exclude_always.search(t) or r.exclude.search(t))
    if role.is_ml:
        research = role.family in ("research_scientist", "research_engineer")
        topical = r.ml_words.search(t) or r.research_words.search(t)
        return "research" if research and not topical and not excluded else None
    if role.family == "data_engineer":
        return None if excluded else "data"
    if role.family != "other" or r.exclude_always.search(t):
        return None
    if not excluded:
        # a research title with a non-ML topic ("Research Scientist, Chemistry") is decided
        named = r.ml_words.search(t) or r.research_non_ml.search(t) or r.research_academic.search(t)
        return "technical" if r.undecided.search(t) and not named else None
    head = _HEAD_END.split(_primary(t), 1)[0]
    if head != t and r.ml_words.search(head) and not r.exclude.search(head):
        return "qualified" if _match_family(head)[1] else None
    return None


def undecided_kind(title: str | None) -> str | None:
    """The kind of title whose ``is_ml`` the title alone leaves open, one of
    :data:`UNDECIDED_KINDS` (see :func:`classify_ad`), or ``None`` when the title decides it
    (or is empty). Never raises."""
    if not title or not isinstance(title, str):
        return None
    return _undecided_kind(title[:300])


def _evidence(description: str) -> tuple[int, float, int]:
    """ML vocabulary of a description: (distinct ``[context] terms`` found, their occurrences
    per 1,000 words, words), over its first 20,000 characters, lower-cased."""
    text = description[:20000].lower()
    found = [m.group(0) for m in _RULES.context_terms.finditer(text)]
    words = len(text.split())
    return len(set(found)), 1000.0 * len(found) / max(words, 1), words


def classify_ad(title: str | None, description: str = "", company: str = "") -> tuple[Role, bool]:
    """Classify an ad by its title, and by its description and employer where the title leaves
    ``is_ml`` undecided (the kinds of :func:`undecided_kind`; rules in ``[context]`` of
    ``roles.toml``).

    ``description`` is plain text, ``company`` the employer's name as the board gave it; it is
    an AI lab when its :func:`normalize.companies.normalize_company` key is one of the keys of
    the ``[context] ai_employers`` names ("Acme Ltd" and "The Acme Company" both key ``acme``).
    Returns the :class:`Role` and whether the description/employer decided ``is_ml`` (gave
    another answer than the title alone). ML work: the description names at least
    ``min_terms`` distinct ML terms at ``min_density`` or more per 1,000 words, or (a generic
    technical title only) one term when the employer is an AI lab. A research title with no
    topic is not ML when a description of ``negative_min_words`` words or more names none and
    the employer is no AI lab. Otherwise (and without a description) the title alone decides,
    exactly as :func:`classify_title`. Never raises.
    """
    role = classify_title(title)
    if not title or not description:
        return role, False
    kind = _undecided_kind(title[:300])
    if kind is None:
        return role, False
    r = _RULES
    distinct, density, words = _evidence(description)
    lab = normalize_company(company) in r.ai_employers
    dense = distinct >= r.context_min_terms and density >= r.context_min_density
    # an AI lab's generic technical title needs one term; a customer-facing ML title or a data
    # engineer needs the dense vocabulary of hands-on work wherever it is
    ml = dense or (kind == "technical" and lab and distinct >= 1)
    if kind == "research":
        # ML work confirms the title's reading (not a decision); none at all overturns it
        if distinct == 0 and not lab and words >= r.context_negative_min_words:
            return Role(family="other", seniority=role.seniority, is_ml=False), True
        return role, False
    if not ml:
        return role, False
    t = _clean(title[:300])
    for pattern, replacement in r.family_rewrite:
        t = pattern.sub(replacement, t)
    if kind == "data":
        family = "data_engineer"
    elif kind == "qualified":
        family = _match_family(_HEAD_END.split(_primary(t), 1)[0])[0]
    else:
        family = next(name for pattern, name in r.context_families if pattern.search(t))
    return Role(family=family, seniority=role.seniority, is_ml=True), True


def classify_title(title: str | None) -> Role:
    """Classify a job title into a role family, a seniority level and ML relevance.

    ``title`` is the raw title as the board gave it (any case, stray spaces, "(f/m/d)", salary
    or location fragments are tolerated). Returns a :class:`Role`; ``None``, empty or garbage
    input gives ``Role("other", None, False)``. Never raises. Results are cached per title.
    Conventions: ``../shared/corpus/gold/README.md`` (see the module docstring).
    """
    if not title or not isinstance(title, str):
        return Role(family="other", seniority=None, is_ml=False)
    return _classify(title[:300])
