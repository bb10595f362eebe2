"""The regex grammar of :mod:`normalize.salary`: how money amounts, ranges, periods and the
words around them are written, and the helpers that read one amount.

Words and phrases come from ``normalize/data/salary_words.toml``; this module only compiles them
into patterns. Every figure is read with ASCII digits (``[0-9]``), never ``\\d``: a digit from
another script ("𝟛", "٣") is not a figure on a UK job board. Names keep their leading underscore:
they are internal to the salary reader (``normalize.salary`` and ``normalize.salary_scoring``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

HOURLY_BELOW = 100.0
"""A figure with no period below this is an hourly rate (UK hourly pay runs ~£5-£100)."""
DAILY_BELOW = 1000.0
"""... below this (and at least ``HOURLY_BELOW``) a day rate (UK day rates run ~£100-£1,000)."""
MONTHLY_BELOW = 10000.0
"""... below this a monthly salary; at or above it an annual salary."""

PLAUSIBLE: Mapping[str, tuple[float, float]] = MappingProxyType(
    {
        "hour": (3.0, 500.0),
        "day": (30.0, 5000.0),
        "week": (80.0, 20000.0),
        "month": (300.0, 100000.0),
        "year": (3000.0, 2000000.0),
    }
)
"""Smallest and largest figure read as pay in each period; others are not salaries."""
_PLAUSIBLE = dict(PLAUSIBLE)

PERIODS = ("hour", "day", "week", "month", "year")

# --------------------------------------------------------------------------- data and regexes

_WORDS = tomllib.loads(
    (Path(__file__).resolve().parent / "data" / "salary_words.toml").read_text(encoding="utf-8")
)


def _alt(items: list[str]) -> str:
    return "(?:" + "|".join(items) + ")"


_SYMBOLS: dict[str, str] = _WORDS["currency"]["symbols"]
_CODES: dict[str, str] = _WORDS["currency"]["codes"]
_DEFAULT_CURRENCY: str = _WORDS["currency"]["default"]

_AMOUNT = re.compile(
    r"(?:(?P<cur>[£€$]|\b(?:US\$|USD\s?\$?|GBP\s?£?|EUR\s?€?))[ ]?)?"
    r"(?P<num>[0-9]+(?:[.,'][0-9]+)*)"
    r"(?:[ ]?(?P<suf>[kK]|(?i:mn?|million|bn?|billion|trillion))(?![a-zA-Z]))?"
    r"(?P<plus>\+)?"
)
_PLAIN_NUMBER = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3}){1,2}(?:\.[0-9][0-9]?)?|[0-9]{1,9}\.[0-9][0-9]?"
)
_SPACE_THOUSANDS = re.compile(r" ([0-9]{3})(?![0-9.,])")
_SYMBOL_ANCHORS = tuple((sym, re.compile(re.escape(sym) + r" ?[0-9]")) for sym in _SYMBOLS)
_ANCHOR_CODES = re.compile(r"\b(?:GBP|USD|EUR) ?[£€$]? ?[0-9]")
_DIGIT = re.compile(r"[0-9]")

_P = _WORDS["periods"]
_PERIOD = re.compile(
    r"\s{0,3}(?:"
    + _alt(_WORDS["currency"]["after_words"])
    + r"\s{0,3})?(?:"
    + "|".join(f"(?P<{p}>{_alt(_P[p])})" for p in PERIODS)
    + ")",
    re.I,
)
_PERIOD_ANYWHERE = re.compile(
    r"(?<![a-z])(?:" + "|".join(f"(?P<{p}>{_alt(_P[p])})" for p in PERIODS) + ")", re.I
)
_PERIOD_CUE = re.compile("|".join(f"(?P<{p}>{_alt(v)})" for p, v in _WORDS["period_cues"].items()))
_SEP = re.compile(
    r"\s{0,3}(?:-{1,2}|–|—|~|to\b|and\b|until\b|till\b"
    r"|(?:min(?:imum)?\s{0,2})?,?\s{0,2}up\s?to\b)\s{0,3}",  # "£28,000 minimum, up to £35,000"
    re.I,
)
_K_SPACE = re.compile(r" (?=[0-9]{1,3}(?:\.[0-9])?[kK]\b)")  # "SALARY 50k 65k" (a dash stripped)

_Q = _WORDS["qualifiers"]
_BOUND_END = re.compile(
    r"(?<![a-z])(?:(?P<up_to>"
    + "|".join(_Q["up_to"])
    + r")|(?P<from>"
    + "|".join(_Q["from"])
    + r"))[\s:*(~]{0,4}(?:c\.|circa\s)?\s?$"
)
_BETWEEN_END = re.compile(r"(?<![a-z])" + _alt(_Q["between"]) + r"[\s:*(]{0,4}$")
_FROM_AFTER = re.compile(r"\s{0,2}" + _alt(_Q["from_after"]))

_N = _WORDS["non_pay"]
_AFTER_HARD = re.compile(r"\b" + _alt(_N["after_hard"]))
_AFTER_WIDE = re.compile(r"\b" + _alt(_N["after_wide"]))
_AFTER_SOFT = re.compile(r"\b" + _alt(_N["after_soft"]))
_BEFORE_HARD = re.compile(r"\b" + _alt(_N["before_hard"]))
_PAY_BEFORE = re.compile(r"\b" + _alt(_WORDS["pay_cues"]["before"]))
_PAY_AFTER = re.compile(r"\b" + _alt(_WORDS["pay_cues"]["after"]))
_FLAGS = tuple(
    (k, tuple(_WORDS["flag_hints"][k]), re.compile(_alt(v))) for k, v in _WORDS["flags"].items()
)
_F = _WORDS["field_form"]
_FIELD_PERIODS: dict[str, str] = _F["period_words"]
_FIELD_FLAGS: dict[str, str] = _F["flag_words"]
_FIELD_FLAG_ITEMS = tuple((w, n) for w, n in _FIELD_FLAGS.items() if n)
_NUM = r"(?>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9][0-9])?|[0-9]{1,7}(?:\.[0-9][0-9]?)?)"
_FIELD_FORM = re.compile(
    r"\s*(?:(?P<q>" + "|".join(_F["prefix"]) + r")\s+)?"
    r"(?P<c1>[£€$])?(?P<n1>" + _NUM + r")(?P<k1>[kK])?"
    r"(?:(?:\s?-\s?|\s+to\s+)(?P<c2>[£€$])?(?P<n2>" + _NUM + r")(?P<k2>[kK])?)?"
    r"(?:(?:\s+per\s+|\s?/\s?)(?P<p>" + "|".join(_FIELD_PERIODS) + r"))?"
    r"(?P<flags>(?:,\s(?:" + "|".join(_FIELD_FLAGS).replace(" ", r"\s+") + r"))*)"
    r"(?P<tail>(?:\s+[0-9]|\s*\+).*)?\s*",
    re.I | re.S,
)
_UNIT = re.compile(r"\s?" + _alt(_WORDS["not_amount"]["units"]), re.I)

_AFTER_CUT = re.compile(r"[,.;|\n()+&/*•·0-9£€$]| plus | with | and | but | [-–] ")
_MASKED = re.compile(r"[,.'][^\s0-9]")
_LEADS_TO_NEXT = re.compile(
    r"[\s:]*(?:" + _alt(_N["cue_nouns"]) + r"\s+)?(?:of\s+)?(?:up\s*to\s+)?(?:c\.?\s?|circa\s+)?$"
)
_BEFORE_CUTS = ("\n", "|", ";", "!", "?", "•", "·", ". ", " - ", " – ")
_BACKSLASH_RUN = "\\" * 32  # removing long runs first is 3x faster on JobSpy text
_CUE_TAIL = re.compile(
    r"salar(?:y|ies)\b(?:\s+(?:range|package|band))?[\s:*–-]{0,4}(?:(?:"
    + "|".join(_WORDS["cue_anchor"]["joiners"])
    + r")\s+){0,3}(?=[0-9])"
)
_SENTENCE_CUTS = (". ", "!", "?", "\n", "•", "·", "|", ";")
_OTE_WORD = re.compile(r"\b(?:" + "|".join(_WORDS["non_pay"]["ote_words"]) + ")")
_BASE_WORD = re.compile(r"\b(?:" + "|".join(_WORDS["pay_cues"]["base_words"]) + ")")
# a base-pay word right after the figure outweighs a non-pay word before it ("a shift allowance
# on top of a £26,000 salary", "commission on top of £20k basic")
_BASE_NEXT = re.compile(r"\s{0,3}" + _alt(_WORDS["pay_cues"]["base_words"]))
_CONJUNCTION = re.compile(r"\s*(?:and|or|,|/|&)?\s*")
_BIG = frozenset({"m", "mn", "million", "b", "bn", "billion", "trillion"})


# --------------------------------------------------------------------------- helpers


def _to_number(s: str) -> float | None:
    """``"45,000"`` -> 45000.0, ``"55.000"`` -> 55000.0, ``"18.50"`` -> 18.5; ``None`` if odd."""
    if s.isdigit():
        return float(s) if len(s) <= 9 else None
    if _PLAIN_NUMBER.fullmatch(s):
        return float(s.replace(",", ""))
    if len(s) > 24:
        return None
    dot, comma = s.rfind("."), s.rfind(",")
    decimals = ""
    if dot > comma and len(s) - dot - 1 != 3:
        s, decimals = s[:dot], s[dot + 1 :]
    groups = s.replace(".", ",").replace("'", ",").split(",")
    out = groups[0]
    last = len(groups) - 1
    for i, g in enumerate(groups[1:], 1):
        if len(g) == 3:
            out += g
        elif len(g) == 4 and g.endswith("0"):  # typo "105,0000"
            out += g[:3]
        elif len(g) == 2 and i == last and not decimals and len(out) <= 3:  # typo "£18,00pa"
            out += g + "0"
        else:
            return None
    if len(out) > 9 or not out.isdigit():
        return None
    return float(out + "." + decimals) if decimals.isdigit() else float(out)


def _before_window(low: str, start: int, floor: int) -> str:
    """Lower-cased text before an amount, back to the previous amount or clause break.

    Line breaks and markdown right before the amount do not end the clause ("**Salary**\\n£45k").
    """
    if start <= floor:
        return ""
    seg = low[max(floor, start - 48) : start]
    body = seg.rstrip(" \t\r\n*#_:")
    cut = -1
    for c in _BEFORE_CUTS:
        i = body.rfind(c)
        if i > cut:
            cut = i + len(c) - 1
    return seg[cut + 1 :]


def _after_window(low: str, end: int) -> tuple[str, bool]:
    """Text right after an amount up to the next clause break; and whether an amount follows."""
    seg = low[end : end + 36]
    m = _AFTER_CUT.search(seg)
    if m is None:
        return seg, False
    return seg[: m.start()], m.group() in "0123456789£€$"


def _shorthand(a: float, k1: bool, b: float, k2: bool) -> tuple[float, float]:
    """Expand a range's shorthand bound: "55-75k", "30-35,000", "30-45000" -> thousands."""
    if k2 and not k1 and a < 1000:
        return a * 1000.0, b
    if k1 and not k2 and b < 1000:
        return a, b * 1000.0
    if a < 1000 <= b and not k1 and a * 1000 <= b:
        return a * 1000.0, b
    return a, b


def _is_range(a: float, b: float) -> bool:
    """A plausible range: ordered, upper bound at most 20 times the lower one."""
    return a <= b <= max(a, 1.0) * 20


def _infer_period(value: float) -> str:
    if value < HOURLY_BELOW:
        return "hour"
    if value < DAILY_BELOW:
        return "day"
    if value < MONTHLY_BELOW:
        return "month"
    return "year"


def _period_of(m: re.Match[str]) -> str:
    return m.lastgroup or next(p for p in PERIODS if m.group(p))


def _amount(m: re.Match[str], text: str) -> tuple[float | None, str | None, bool, int]:
    """(value, currency code, big-number suffix, end) of one ``_AMOUNT`` match."""
    num = m.group("num")
    value = _to_number(num)
    end = m.end()
    cur = m.group("cur")
    suf = m.group("suf")
    if cur and not suf and len(num) <= 3 and num.isdigit() and not m.group("plus"):
        sp = _SPACE_THOUSANDS.match(text, end)
        if sp:
            value = float(num + sp.group(1))
            end = sp.end()
    code = None
    if cur:
        code = _SYMBOLS.get(cur[-1]) or _CODES.get(cur[:3].strip().lower().rstrip("$"))
    big = False
    if suf and value is not None:
        s = suf.lower()
        if s == "k":
            value *= 1000.0
        elif s in _BIG:
            big = True
    return value, code, big, end


def _plausible(lo: float | None, hi: float | None, period: str) -> bool:
    """Are the bounds within ``PLAUSIBLE[period]``?"""
    lo_ok, hi_ok = _PLAUSIBLE[period]
    return all(v is None or lo_ok <= v <= hi_ok for v in (lo, hi))


def _flags(low: str) -> set[str]:
    """Names of the ``[flags]`` whose patterns occur in ``low`` (lower-cased text)."""
    out = set()
    for name, hints, rx in _FLAGS:
        for h in hints:
            if h in low:
                if rx.search(low):
                    out.add(name)
                break
    return out
