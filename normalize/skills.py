"""Skills named in a job description, as canonical names of a reviewed taxonomy.

The taxonomy (canonical name, aliases, category, context rules) lives in
``normalize/data/skills.toml``. Matching uses two Aho-Corasick automata (pyahocorasick): one
over the lower-cased text for ordinary aliases, one over the original text for case-sensitive
aliases (``SQL``, ``Go``, ``R``, ``Spark``...). A match must stand as whole words (no letter or
digit glued to either side); overlapping matches keep the longest. Names that are also ordinary
words, people's names or company names (``ambiguous`` in the data file: R, Go, Rust, Julia,
Spark, Excel, ...) count only in a technical context: in a list next to another skill, after a
cue such as "written in" / "experience with" / "such as", or before "programming", "code",
"developer"...

``to_label_scheme`` maps canonical names onto an outside closed label vocabulary (see
``normalize/data/skills_label_scheme.toml``) so extraction can be scored against labels written
with fewer skills.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

__all__ = ["extract_skills", "skill_category", "skill_names", "to_label_scheme"]

_DATA = Path(__file__).resolve().parent / "data"
_MAX_TEXT = 200_000  # characters scanned per description


@dataclass(frozen=True, slots=True)
class _Skill:
    name: str
    category: str
    ambiguous: bool
    not_after: re.Pattern[str] | None
    not_before: re.Pattern[str] | None


class _Taxonomy:
    """Compiled ``skills.toml``: the skills, both automata and the context rules."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        ctx = data["context"]
        self.cue_before = re.compile(ctx["cue_before"])
        self.cue_after = _anchored(ctx["cue_after"])
        self.list_gap = re.compile(ctx["list_gap"])
        self.list_gap_max: int = ctx["list_gap_max"]
        self.skills: list[_Skill] = []
        self.by_name: dict[str, _Skill] = {}
        # lower-cased key -> (ids matched whatever the case, {exact spelling: ids})
        keys: dict[str, tuple[set[int], dict[str, set[int]]]] = {}
        single: dict[str, set[int]] = {}  # one-letter names (R, C), matched by regex
        for i, entry in enumerate(data["skill"]):
            name = entry["name"]
            if name in self.by_name:
                raise ValueError(f"{path}: duplicate skill {name!r}")
            skill = _Skill(
                name=name,
                category=entry["category"],
                ambiguous=bool(entry.get("ambiguous", False)),
                not_after=_anchored(entry["not_after"]) if "not_after" in entry else None,
                not_before=re.compile(entry["not_before"]) if "not_before" in entry else None,
            )
            self.skills.append(skill)
            self.by_name[name] = skill
            case_sensitive = bool(entry.get("cs", False))
            for alias in {name, *entry.get("aliases", [])}:
                alias = alias.strip()
                if not alias:
                    continue
                if not alias.isascii():
                    raise ValueError(f"{path}: alias {alias!r} is not ASCII")
                if len(alias) == 1:
                    single.setdefault(alias, set()).add(i)
                    continue
                ci_ids, cs_ids = keys.setdefault(alias.lower(), (set(), {}))
                # Short names with a capital (ML, EKS, ASR) are matched as written: their
                # lower-case forms hide inside ordinary words (html, weeks, phrase).
                if case_sensitive or (len(alias) <= 4 and alias != alias.lower()):
                    cs_ids.setdefault(alias, set()).add(i)
                else:
                    ci_ids.add(i)
        self.auto = ahocorasick.Automaton()
        for key, (ci_ids, cs_ids) in keys.items():
            frozen_cs = {k: tuple(sorted(v)) for k, v in cs_ids.items()}
            self.auto.add_word(key, (len(key), tuple(sorted(ci_ids)), frozen_cs))
        self.auto.make_automaton()
        self.single = {k: tuple(sorted(v)) for k, v in single.items()}


def _anchored(pattern: str) -> re.Pattern[str]:
    """Compile a pattern applied with ``match(text, pos)`` (a leading "^" would never match)."""
    return re.compile(pattern.removeprefix("^"))


_TAX = _Taxonomy(_DATA / "skills.toml")


def _load_schemes(path: Path) -> dict[str, tuple[frozenset[str], dict[str, str]]]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {
        key: (frozenset(value["names"]), dict(value.get("parents", {})))
        for key, value in data.items()
    }


_SCHEMES = _load_schemes(_DATA / "skills_label_scheme.toml")


def _candidates(text: str) -> list[tuple[int, int, int]]:
    """All whole-word alias matches as (start, end, skill index)."""
    out: list[tuple[int, int, int]] = []
    n = len(text)
    # One pass over an ASCII, lower-cased copy with the same offsets (aliases are ASCII).
    asc = text if text.isascii() else text.encode("ascii", "replace").decode("ascii")
    low = asc.lower()
    for end_idx, (length, ci_ids, cs_ids) in _TAX.auto.iter(low):
        start = end_idx - length + 1
        end = end_idx + 1
        if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            continue
        if end < n and text[end].isalnum() and text[end - 1].isalnum():
            continue
        for i in ci_ids:
            out.append((start, end, i))
        if cs_ids:
            exact = cs_ids.get(text[start:end])
            if exact:
                for i in exact:
                    out.append((start, end, i))
    # single-letter aliases ("R", "C"): str.find per letter (memchr) rather than a regex
    # scan of the whole text (13 -> 2 us on a long ad), in the order of the text
    hits: list[int] = []
    for letter in _TAX.single:
        start = asc.find(letter)
        while start != -1:
            hits.append(start)
            start = asc.find(letter, start + 1)
    for start in sorted(hits):
        if start > 0 and text[start - 1].isalnum():
            continue
        if start + 1 < n and text[start + 1].isalnum():
            continue
        for i in _TAX.single[asc[start]]:
            out.append((start, start + 1, i))
    return out


def _in_context(text: str, start: int, end: int, accepted: list[tuple[int, int, int]]) -> bool:
    tax = _TAX
    if tax.cue_before.search(text, max(0, start - 60), start):
        return True
    if tax.cue_after.match(text, end, min(len(text), end + 30)):
        return True
    gap_max = tax.list_gap_max
    for s, e, _ in accepted:
        if e <= start and start - e <= gap_max and tax.list_gap.match(text[e:start]):
            return True
        if s >= end and s - end <= gap_max and tax.list_gap.match(text[end:s]):
            return True
    return False


def extract_skills(text: str | None) -> list[str]:
    """Canonical skill names mentioned in a job description.

    ``text`` is plain text (convert HTML first); ``None`` or empty gives ``[]``. Returns the
    canonical names of ``normalize/data/skills.toml`` (e.g. ``"Python"``, ``"PyTorch"``,
    ``"AWS SageMaker"``, ``"A/B testing"``), each once, in order of first mention. Only the first
    200,000 characters are read. Never raises on any string.
    """
    if not text or not isinstance(text, str):
        return []
    if len(text) > _MAX_TEXT:
        text = text[:_MAX_TEXT]
    cands = _candidates(text)
    if not cands:
        return []
    # Longest match wins where matches overlap.
    cands.sort(key=lambda c: (c[0], c[0] - c[1]))
    kept: list[tuple[int, int, int]] = []
    last_end = -1
    for c in cands:
        if c[0] >= last_end:
            kept.append(c)
            last_end = c[1]
        elif c[0] == kept[-1][0] and c[1] == kept[-1][1]:
            kept.append(c)  # the same alias for two skills
    skills = _TAX.skills
    accepted: list[tuple[int, int, int]] = []
    pending: list[tuple[int, int, int]] = []
    for c in kept:
        skill = skills[c[2]]
        if skill.not_after is not None and skill.not_after.match(text, c[1], c[1] + 30):
            continue
        if skill.not_before is not None and skill.not_before.search(text, max(0, c[0] - 30), c[0]):
            continue
        (pending if skill.ambiguous else accepted).append(c)
    # Ambiguous names: two passes so that lists of them ("R, Go and Julia") accept each other.
    for _ in range(2):
        if not pending:
            break
        still: list[tuple[int, int, int]] = []
        for c in pending:
            if _in_context(text, c[0], c[1], accepted):
                accepted.append(c)
            else:
                still.append(c)
        if len(still) == len(pending):
            break
        pending = still
    accepted.sort()
    seen: dict[str, None] = {}
    for _, _, i in accepted:
        seen.setdefault(skills[i].name, None)
    return list(seen)


def skill_category(skill: str) -> str | None:
    """The taxonomy category of a canonical skill name, or ``None`` when it is not one.

    Categories: ``"language"``, ``"framework"`` (ML/LLM/data-science libraries), ``"web"``,
    ``"data"`` (data engineering and databases), ``"mlops"`` (MLOps, DevOps, infrastructure),
    ``"cloud"`` (platforms and their ML services), ``"bi"``, ``"method"`` (methods and domains)
    and ``"certification"``.
    """
    found = _TAX.by_name.get(skill) if isinstance(skill, str) else None
    return found.category if found else None


def skill_names() -> tuple[str, ...]:
    """Every canonical skill name of the taxonomy, in data-file order."""
    return tuple(s.name for s in _TAX.skills)


def to_label_scheme(skills: Iterable[str], scheme: str = "tech-salary-radar") -> list[str]:
    """Map canonical skill names onto an outside closed label vocabulary.

    ``scheme`` names a table of ``normalize/data/skills_label_scheme.toml``; the default is the
    61-skill catalog the skills-eval labels were written with. A skill the scheme lists keeps its
    name, a finer skill the scheme folds into a coarser one takes that name ("Keras" ->
    "TensorFlow"), any other skill is dropped. Order of first appearance, no duplicates.
    Raises ``KeyError`` for an unknown scheme.
    """
    names, parents = _SCHEMES[scheme]
    out: dict[str, None] = {}
    for skill in skills:
        label = parents.get(skill, skill)
        if label in names:
            out.setdefault(label, None)
    return list(out)
