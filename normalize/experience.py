"""Years of experience asked for in a job description, and the 0-3 / 3-7 / 7+ ladder.

Phrases live in ``normalize/data/experience.toml``. Readings:

- "5-7 years of experience", "5 to 7 years' experience" -> min 5, max 7;
- "3+ years of experience", "at least 3 years", "minimum of 3 years", "3 years' experience"
  -> min 3, max None (a bare figure in a requirement is a minimum);
- "up to 2 years' experience" -> min None, max 2.

The figure must be followed, within a few words, by experience / industry / working /
"of <skill>" so that "3 years ago", "a 2 year contract" or "over 10 years in business" about
the company are not read. The earliest phrase in the text wins.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["EXPERIENCE_BANDS", "Experience", "parse_experience", "experience_band"]

#: The experience ladder: band label -> lowest ``min_years`` in it, ascending. An ask belongs
#: to the last band whose floor its minimum reaches (no minimum counts as 0). The SQL twin in
#: ``db/views.py`` (``uk_ads.experience_band``) is generated from this table.
EXPERIENCE_BANDS: dict[str, float] = {"0-3": 0.0, "3-7": 3.0, "7+": 7.0}

_MAX_YEARS = 40.0
_MAX_TEXT = 200_000


@dataclass(frozen=True, slots=True)
class Experience:
    """Years of experience: ``min_years``/``max_years`` in years (floats) or ``None``.

    ``max_years`` is ``None`` for open-ended asks ("3+ years"); ``min_years`` is ``None`` for
    "up to X years". When both are set, ``min_years <= max_years``.
    """

    min_years: float | None
    max_years: float | None


def _load() -> tuple[dict[str, int], list[tuple[str, re.Pattern[str], tuple[str, ...]]]]:
    with (Path(__file__).resolve().parent / "data" / "experience.toml").open("rb") as fh:
        data = tomllib.load(fh)
    p = data["patterns"]
    parts = {k: p[k] for k in ("num", "years", "exp_after")}
    order = ("range", "plus", "at_least", "up_to", "single")
    requires = data.get("requires", {})
    compiled = [
        (kind, re.compile(p[kind].format(**parts), re.IGNORECASE), tuple(requires.get(kind, ())))
        for kind in order
    ]
    return data["numbers"], compiled


_NUMBERS, _PATTERNS = _load()


def _num(value: str | None) -> float | None:
    if not value:
        return None
    value = value.lower()
    if value in _NUMBERS:
        return float(_NUMBERS[value])
    try:
        return float(value)
    except ValueError:
        return None


def parse_experience(text: str | None) -> Experience | None:
    """The years of experience a description asks for, or ``None`` when it states none.

    ``text`` is plain description text (any length; the first 200,000 characters are read).
    Returns :class:`Experience` with years as floats; figures above 40 years are ignored.
    Never raises.
    """
    if not text or not isinstance(text, str):
        return None
    text = text[:_MAX_TEXT]
    # Only windows around "year"/"yr" are searched: fast on long descriptions, and the
    # patterns cannot run away on text that holds no such word.
    low = text.lower()  # same length for the ASCII word searched; offsets only steer windows
    for hit in _YEAR_WORD.finditer(low):
        if hit.start() > 0 and low[hit.start() - 1].isalnum():
            continue
        if not _NUMBER_BEFORE.search(text, max(0, hit.start() - 40), hit.start()):
            continue
        found = _first_in(text[max(0, hit.start() - 60) : hit.end() + 160])
        if found is not None:
            return found
    return None


_YEAR_WORD = re.compile(r"y(?:ears?|rs?)\b")
# A figure (digits or a number word) shortly before the year word; cheap first test.
_NUMBER_BEFORE = re.compile(
    r"(?i)(?:[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\b)"
    r"[^.\n]{0,12}$"
)


def _first_in(text: str) -> Experience | None:
    """The earliest experience phrase of one window of text."""
    best: tuple[int, int, Experience] | None = None
    low = text.lower()
    for rank, (kind, pattern, requires) in enumerate(_PATTERNS):
        if requires and not any(needed in low for needed in requires):
            continue  # the pattern cannot match here
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[0]:
                break
            groups = m.groupdict()
            lo = _num(groups.get("lo") or groups.get("lo2"))
            hi = _num(groups.get("hi"))
            if kind == "range":
                if lo is None or hi is None:
                    continue
                lo, hi = min(lo, hi), max(lo, hi)
            elif kind == "up_to":
                lo = None
            else:
                hi = None
            if any(v is not None and v > _MAX_YEARS for v in (lo, hi)):
                continue
            if lo is None and hi is None:
                continue
            if best is None or (m.start(), rank) < (best[0], best[1]):
                best = (m.start(), rank, Experience(min_years=lo, max_years=hi))
            break
    return best[2] if best else None


def experience_band(exp: Experience | None) -> str | None:
    """The experience ladder band: ``"0-3"``, ``"3-7"`` or ``"7+"`` (``None`` for ``None``).

    Rule (:data:`EXPERIENCE_BANDS`), on ``min_years`` (the entry bar of the ask): below 3 ->
    ``"0-3"``; 3 up to but not including 7 -> ``"3-7"``; 7 or more -> ``"7+"``. An "up to X
    years" ask (no minimum) is ``"0-3"``.
    """
    if exp is None:
        return None
    low = exp.min_years if exp.min_years is not None else 0.0
    return [band for band, floor in EXPERIENCE_BANDS.items() if low >= floor or floor == 0][-1]
