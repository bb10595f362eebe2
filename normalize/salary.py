"""Salary normalizer: UK job-ad pay text -> the advertised base pay as a typed ``Salary``.

Two entry points, both pure and total (they never raise; anything unreadable gives ``None``):

- ``parse_salary(text)`` reads a board's salary *field* ("£80K - £90K", "£550 per day",
  "30000 - 40000/annum 30K to 40K + benefits", "Salary negotiable"). The first structured figure
  wins over the recruiter's free text after it.
- ``find_salary(text)`` finds the advertised base pay inside running *description* text: it
  looks only at windows around currency anchors (£, €, $, GBP, USD, EUR), scores every money
  amount it finds and rejects the ones that are not pay (revenue, funding, sign-on and referral
  payments, savings, OTE, bonuses, allowances).

Conventions (those of ``../shared/corpus/gold/README.md``):

- ``min``/``max`` are base pay in the advertised period (not annualised). A single figure gives
  ``min == max``; "up to X" / a bare "to X" gives ``min=None, max=X``; "from X", "X+",
  "in excess of X", "X upwards" give ``min=X, max=None``. "circa", DOE, negotiable, pro rata and
  FTE do not change the figures; they are kept as flags.
- Shorthand is expanded: "£55-75k" is 55,000-75,000 and "30-45000" is 30,000-45,000;
  "£55.000" and "£60 000" use dots and spaces as thousands separators; the typos "105,0000"
  and "£18,00" read as 105,000 and 18,000.
- Amounts that an OTE/bonus/commission/allowance word qualifies directly ("£35k OTE",
  "OTE £35k", "£1,500 sign-on bonus") are not base pay. "+ OTE" / "plus bonus" after a figure
  says something is paid on top, so the figure stays base pay; so does a Reed-style flag list
  ("per annum, negotiable, inc benefits, OTE"), which sets ``ote=True`` only.
- No period written: the period is inferred from the magnitude of the figure (the larger bound)
  and ``period_inferred`` is set: below ``HOURLY_BELOW`` an hour, below ``DAILY_BELOW`` a day,
  below ``MONTHLY_BELOW`` a month, otherwise a year. A day-rate or hourly-rate cue before the
  figure ("Day Rate £500-550") decides instead, unless the figure is implausible for that period
  ("Day Rate : £110,000" is a year).
- No currency written: GBP (the UK boards and Adzuna's data state none).
- Day rates and IR35 statements set ``employment_type="contract"``.

Speed: ``parse_salary`` makes a handful of anchored regex matches per string; ``find_salary``
strips markdown backslashes, then examines only the first ``MAX_CANDIDATES`` currency anchors.
Every regex is free of nested quantifiers, so time is linear in the input length.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

log = logging.getLogger(__name__)

ANNUAL_FACTORS: Mapping[str, float] = MappingProxyType(
    {"year": 1.0, "month": 12.0, "week": 52.0, "day": 220.0, "hour": 1950.0}
)
"""Default multipliers from the advertised period to a year (DESIGN.md "Annualizing")."""

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

MAX_CANDIDATES = 64
"""Each reader examines at most this many money amounts per text (bounds time on junk input)."""
SENTENCE_REACH = 120
"""``find_salary``: how far back in an amount's sentence an OTE phrase still disqualifies it."""
PERIOD_REACH = 80
"""``parse_salary``: how far after a figure with no period of its own a period word still counts
("35,000 to Negotiable per year")."""

PERIODS = ("hour", "day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Salary:
    """Advertised base pay of one ad.

    ``min``/``max`` are in ``currency`` per ``period`` (not annualised); ``None`` for an open
    bound. ``period_inferred`` is true when no period was written and it was guessed from the
    magnitude (see the module thresholds). Flags: ``pro_rata``, ``fte``, ``doe``,
    ``negotiable``, ``ote`` (an OTE flag or "+ OTE" accompanies the base figure).
    """

    min: float | None
    max: float | None
    currency: str
    period: str
    period_inferred: bool = False
    employment_type: str | None = None
    pro_rata: bool = False
    fte: bool = False
    doe: bool = False
    negotiable: bool = False
    ote: bool = False

    def annual(
        self, factors: Mapping[str, float] | None = None
    ) -> tuple[float | None, float | None]:
        """``(min, max)`` per year in the salary's own currency (no conversion).

        ``factors`` maps a period to its multiplier; ``ANNUAL_FACTORS`` by default (week x 52,
        month x 12, day x 220, hour x 1,950). Raises ``KeyError`` if ``factors`` lacks the period.
        """
        f = (factors if factors is not None else ANNUAL_FACTORS)[self.period]
        return (
            None if self.min is None else self.min * f,
            None if self.max is None else self.max * f,
        )


_FIELDS = (
    "min",
    "max",
    "currency",
    "period",
    "period_inferred",
    "employment_type",
    "pro_rata",
    "fte",
    "doe",
    "negotiable",
    "ote",
)
assert Salary.__slots__ == _FIELDS, "keep _new_salary in step with Salary's fields"
(_S_MIN, _S_MAX, _S_CUR, _S_PER, _S_INF, _S_EMP, _S_PRO, _S_FTE, _S_DOE, _S_NEG, _S_OTE) = (
    getattr(Salary, name).__set__ for name in _FIELDS
)
_object_new = object.__new__


def _new_salary(
    lo: float | None,
    hi: float | None,
    currency: str,
    period: str,
    inferred: bool,
    employment_type: str | None,
    pro_rata: bool,
    fte: bool,
    doe: bool,
    negotiable: bool,
    ote: bool,
) -> Salary:
    """``Salary(...)`` without the dataclass ``__init__`` (same instance, less than half the cost).

    A frozen dataclass's ``__init__`` goes through ``object.__setattr__`` once per field; the slot
    descriptors set the same attributes directly. Field order as in ``_FIELDS``.
    """
    obj = _object_new(Salary)
    _S_MIN(obj, lo)
    _S_MAX(obj, hi)
    _S_CUR(obj, currency)
    _S_PER(obj, period)
    _S_INF(obj, inferred)
    _S_EMP(obj, employment_type)
    _S_PRO(obj, pro_rata)
    _S_FTE(obj, fte)
    _S_DOE(obj, doe)
    _S_NEG(obj, negotiable)
    _S_OTE(obj, ote)
    return obj


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
    r"(?P<num>\d+(?:[.,']\d+)*)"
    r"(?:[ ]?(?P<suf>[kK]|(?i:mn?|million|bn?|billion|trillion))(?![a-zA-Z]))?"
    r"(?P<plus>\+)?"
)
_PLAIN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3}){1,2}(?:\.\d\d?)?|\d{1,9}\.\d\d?")
_SPACE_THOUSANDS = re.compile(r" (\d{3})(?![\d.,])")
_SYMBOL_ANCHORS = tuple((sym, re.compile(re.escape(sym) + r" ?\d")) for sym in _SYMBOLS)
_ANCHOR_CODES = re.compile(r"\b(?:GBP|USD|EUR) ?[£€$]? ?\d")
_DIGIT = re.compile(r"\d")

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
_K_SPACE = re.compile(r" (?=\d{1,3}(?:\.\d)?[kK]\b)")  # "SALARY 50k 65k" (a dash stripped)

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
_NUM = r"(?>\d{1,3}(?:,\d{3})+(?:\.\d\d)?|\d{1,7}(?:\.\d\d?)?)"
_FIELD_FORM = re.compile(
    r"\s*(?:(?P<q>" + "|".join(_F["prefix"]) + r")\s+)?"
    r"(?P<c1>[£€$])?(?P<n1>" + _NUM + r")(?P<k1>[kK])?"
    r"(?:(?:\s?-\s?|\s+to\s+)(?P<c2>[£€$])?(?P<n2>" + _NUM + r")(?P<k2>[kK])?)?"
    r"(?:(?:\s+per\s+|\s?/\s?)(?P<p>" + "|".join(_FIELD_PERIODS) + r"))?"
    r"(?P<flags>(?:,\s(?:" + "|".join(_FIELD_FLAGS).replace(" ", r"\s+") + r"))*)"
    r"(?P<tail>(?:\s+\d|\s*\+).*)?\s*",
    re.I | re.S,
)
_UNIT = re.compile(r"\s?" + _alt(_WORDS["not_amount"]["units"]), re.I)

_AFTER_CUT = re.compile(r"[,.;|\n()+&/*•·\d£€$]| plus | with | and | but | [-–] ")
_MASKED = re.compile(r"[,.'][^\s\d]")
_LEADS_TO_NEXT = re.compile(
    r"[\s:]*(?:" + _alt(_N["cue_nouns"]) + r"\s+)?(?:of\s+)?(?:up\s*to\s+)?(?:c\.?\s?|circa\s+)?$"
)
_BEFORE_CUTS = ("\n", "|", ";", "!", "?", "•", "·", ". ", " - ", " – ")
_BACKSLASH_RUN = "\\" * 32  # removing long runs first is 3x faster on JobSpy text
_CUE_TAIL = re.compile(
    r"salar(?:y|ies)\b(?:\s+(?:range|package|band))?[\s:*–-]{0,4}(?:(?:"
    + "|".join(_WORDS["cue_anchor"]["joiners"])
    + r")\s+){0,3}(?=\d)"
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


def _qualifies_next(after: str, cue: re.Match[str], amount_follows: bool) -> bool:
    """True when a cue word after an amount introduces the next amount ("... OTE £35k")."""
    return amount_follows and _LEADS_TO_NEXT.match(after, cue.end()) is not None


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


class _Cand:
    """One money expression found in the text (internal)."""

    __slots__ = (
        "start",
        "end",
        "lo",
        "hi",
        "is_range",
        "currency",
        "period",
        "inferred",
        "hard",
        "soft",
        "score",
        "cur_written",
    )

    def __init__(self) -> None:
        self.hard = False
        self.soft = False
        self.score = 0
        self.inferred = False


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


def _candidate(
    text: str, low: str, m: re.Match[str], floor: int, score_it: bool = True
) -> _Cand | None:
    """Read the money expression starting at match ``m``; ``None`` if it is not money.

    ``score_it=False`` (salary fields, where the first figure wins) skips the pay-cue score.
    """
    lo, code, big, end = _amount(m, text)
    if lo is None or _MASKED.match(text, end):  # "£60,(Apply online only)": a masked figure
        return None
    start = m.start()
    if not m.group("cur"):
        if start and (text[start - 1].isalnum() and text[start - 1] not in "cC"):
            return None
        if start and text[start - 1] in ".,":
            return None
        if _UNIT.match(text, end):
            return None
    c = _Cand()
    c.start = start
    c.cur_written = code is not None
    period = None
    pm = _PERIOD.match(text, end)
    if pm:
        period = _period_of(pm)
        end = pm.end()
    hi = lo
    k1 = (m.group("suf") or "").lower() == "k"
    is_range = False
    before = _before_window(low, start, floor)
    sep = _SEP.match(text, end)
    # "and" joins a range after "between", or after a pay word when the bounds are close
    # ("the salary is £16,640 and £18,304"); a bare space only joins two k-figures.
    close = False
    if sep is None:
        if k1:
            sep = _K_SPACE.match(text, end)
            close = True
    elif sep.group().strip().lower() == "and" and not _BETWEEN_END.search(before):
        close = True
        if not _PAY_BEFORE.search(before):
            sep = None
    if sep:
        m2 = _AMOUNT.match(text, sep.end())
        if m2 and m2.group("num"):
            v2, code2, big2, end2 = _amount(m2, text)
            if v2 is not None and (m2.group("cur") or not _UNIT.match(text, end2)):
                k2 = (m2.group("suf") or "").lower() == "k"
                a, v2 = _shorthand(lo, k1, v2, k2)
                if big2:
                    big = True
                if _is_range(a, v2) and (not close or (v2 <= 2 * a and k2 == k1)):
                    lo, hi, is_range = a, v2, True
                    code = code or code2
                    end = end2
                    pm2 = _PERIOD.match(text, end)
                    if pm2:
                        period = period or _period_of(pm2)
                        end = pm2.end()
    c.hard = big
    if not is_range and m.group("plus"):
        hi = None
    elif not is_range and _FROM_AFTER.match(low, end):
        hi = None
    if not is_range and hi is not None and before:
        bound = _BOUND_END.search(before)
        if bound is not None:
            if bound.lastgroup == "up_to":
                lo = None
            else:
                hi = None
    c.lo, c.hi, c.is_range, c.end = lo, hi, is_range, end
    c.currency = code or _DEFAULT_CURRENCY
    after, amount_follows = _after_window(low, end)
    hard = _AFTER_HARD.search(after)
    if hard and _qualifies_next(after, hard, amount_follows):
        hard = None
    if hard:  # "up to £120k base equity": a pay word first says the figure is the base
        pay = _PAY_AFTER.search(after, 0, hard.start())
        if pay:
            hard = None
    soft = None if hard else _AFTER_SOFT.search(after)
    if soft and _qualifies_next(after, soft, amount_follows):
        soft = None
    if not hard:  # "£250 - Recommend a friend scheme": a referral reward across a dash
        hard = _AFTER_WIDE.search(low, end, end + 40)
    if hard or (before and _BEFORE_HARD.search(before) and not _BASE_NEXT.match(after)):
        c.hard = True
    elif score_it and _ote_sentence(low, start):
        c.hard = True
    elif soft:
        c.soft = True
    score = 0
    if score_it:
        if _PAY_BEFORE.search(before):
            score += 3
        if _PAY_AFTER.search(after):
            score += 2
        if period is not None:
            score += 2
    if period is None and before:
        cue = _PERIOD_CUE.search(before)
        # a cue the figure cannot be ("Day Rate : £110,000") leaves the period to the magnitude
        if cue and _plausible(lo, hi, cue.lastgroup):
            period = cue.lastgroup
    if is_range:
        score += 2
    if c.soft:
        score -= 4
    c.score = score
    c.period = period
    return c


def _plausible(lo: float | None, hi: float | None, period: str) -> bool:
    """Are the bounds within ``PLAUSIBLE[period]``?"""
    lo_ok, hi_ok = _PLAUSIBLE[period]
    return all(v is None or lo_ok <= v <= hi_ok for v in (lo, hi))


def _ote_sentence(low: str, start: int) -> bool:
    """Earlier in the amount's sentence an OTE phrase with no pay word after it ("On target
    earning are based on hitting sales targets although likely to be around £40,000 pa")."""
    seg = low[max(0, start - SENTENCE_REACH) : start]
    if "ote" not in seg and "target" not in seg and "o.t.e" not in seg:
        return False
    cut = max(seg.rfind(c) for c in _SENTENCE_CUTS)
    if cut >= 0:
        seg = seg[cut + 1 :]
    last = -1
    for m in _OTE_WORD.finditer(seg):
        last = m.end()
    return last >= 0 and _BASE_WORD.search(seg, last) is None


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


def _finish(
    lo: float | None, hi: float | None, currency: str, period: str | None, flag_text: str
) -> Salary | None:
    """Build the ``Salary`` (period inferred when ``None``); ``None`` if a figure is implausible."""
    ref = hi if hi is not None else lo
    if ref is None:
        return None
    inferred = period is None
    if inferred:
        period = _infer_period(ref)
    lo_ok, hi_ok = _PLAUSIBLE[period]
    for v in (lo, hi):
        if v is not None and not (lo_ok <= v <= hi_ok):
            return None
    flags = _flags(flag_text)
    contract = period == "day" or "contract" in flags
    return _new_salary(
        lo,
        hi,
        currency,
        period,
        inferred,
        "contract" if contract else None,
        "pro_rata" in flags,
        "fte" in flags,
        "doe" in flags,
        "negotiable" in flags,
        "ote" in flags,
    )


def _clean(text: object) -> str | None:
    if not isinstance(text, str) or not text:
        return None
    if "\\" in text:  # markdown escapes ("\-", "\.") and JobSpy's backslash runs
        text = text.replace(_BACKSLASH_RUN, "").replace("\\", "")
    if "Â£" in text:  # UTF-8 "£" read as Latin-1 ("Â£5k settling in allowance")
        text = text.replace("Â£", "£")
    return text


# --------------------------------------------------------------------------- public API


def parse_salary(text: str | None) -> Salary | None:
    """Read a board's salary field into a ``Salary``; ``None`` when it states no figure.

    ``text``: the field as the board gave it, e.g. ``"£30,000 - £34,000 per annum, negotiable"``,
    ``"Up to 375 Per Day"``, ``"25000 - 30000/annum 25K-30K"``. The first structured figure wins
    over free text after it; an amount qualified directly by OTE/bonus/commission is skipped.
    Returns ``None`` for ``None``, empty, non-string or figure-less input ("Competitive salary",
    "Salary negotiable", "DOE"). Never raises; linear time in ``len(text)``.
    """
    try:
        return _parse(text)
    except Exception:  # a normalizer must not stop a crawl: log it, give no salary
        log.warning("parse_salary failed on %.80r", text, exc_info=True)
        return None


def _parse(text: str | None) -> Salary | None:
    """:func:`parse_salary` without the guard (tests call it so a bug cannot hide)."""
    if not isinstance(text, str) or _DIGIT.search(text) is None:
        return None
    if "\\" in text:
        text = text.replace("\\", "")
    f = _FIELD_FORM.fullmatch(text)
    if f is not None:
        s = _field_form(f)
        if s is not None:
            return s
    return _parse_general(text, text.lower())


def _field_form(f: re.Match[str]) -> Salary | None:
    """The canonical field form (see ``[field_form]``); ``None`` hands over to the general path.

    Gives exactly what the general reader gives on these strings (a test checks it on the corpus).
    """
    q, c1, n1, k1, c2, n2, k2, p, flag_list, tail = f.groups()
    if tail and not p:
        return None
    lo: float | None = float(n1.replace(",", ""))
    if k1:
        lo *= 1000.0
    hi = lo
    if n2 is not None:
        b = float(n2.replace(",", ""))
        if k2:
            b *= 1000.0
        if k1 != k2 or lo < 1000.0 <= b:
            lo, b = _shorthand(lo, bool(k1), b, bool(k2))
        if not lo <= b <= (lo if lo > 1.0 else 1.0) * 20:
            return None
        hi = b
        if not c1:
            c1 = c2
    elif q:
        if q[0] in "uU":
            lo = None
        else:
            hi = None
    if p:
        period = _FIELD_PERIODS[p.lower()]
        inferred = False
    else:
        period = _infer_period(hi if hi is not None else lo)
        inferred = True
    lo_ok, hi_ok = _PLAUSIBLE[period]
    if lo is not None and not lo_ok <= lo <= hi_ok:
        return None
    if hi is not None and not lo_ok <= hi <= hi_ok:
        return None
    if tail:  # free text after "<figure> <period>" that cannot change the figure
        flags = _flags(f.string.lower())
    elif flag_list:
        flag_list = flag_list.lower()
        flags = [name for word, name in _FIELD_FLAG_ITEMS if word in flag_list]
    else:
        flags = ()
    return _new_salary(
        lo,
        hi,
        _SYMBOLS[c1] if c1 else _DEFAULT_CURRENCY,
        period,
        inferred,
        "contract" if period == "day" or "contract" in flags else None,
        "pro_rata" in flags,
        "fte" in flags,
        "doe" in flags,
        "negotiable" in flags,
        "ote" in flags,
    )


def _parse_general(text: str, low: str) -> Salary | None:
    """Any field: the first amount that is pay, with its range, period and qualifiers."""
    pos = floor = 0
    for _ in range(MAX_CANDIDATES):
        m = _AMOUNT.search(text, pos)
        if m is None:
            return None
        c = _candidate(text, low, m, floor, False)
        if c is None:
            pos = m.end()
            continue
        pos = floor = max(c.end, m.end())
        if c.hard:
            continue
        stated = None
        if c.period is None:
            pm = _PERIOD_ANYWHERE.search(text, c.end, c.end + PERIOD_REACH)
            stated = _period_of(pm) if pm else None
        s = _finish(c.lo, c.hi, c.currency, c.period or stated, low)
        if s is not None:
            return s
    return None


def find_salary(text: str | None) -> Salary | None:
    """Find the advertised base pay in running text (a job description); ``None`` if none.

    Every money amount written with a currency (£, €, $, GBP, USD, EUR) is read with its range,
    period and qualifiers; amounts that are not pay (revenue, funding, "$11m", sign-on/referral
    payments, savings, OTE, bonus, allowances, thresholds such as "earning less than £8.75") are
    rejected; among the rest the best supported by pay words ("Salary:", "basic", a written
    period, a range) wins, the earliest on a tie. Markdown backslash escapes are ignored.
    Never raises; linear time in ``len(text)``.
    """
    try:
        return _find(text)
    except Exception:  # a normalizer must not stop a crawl; log and give no salary
        log.warning("find_salary failed on %.80r", text, exc_info=True)
        return None


def _find(text: str | None) -> Salary | None:
    text = _clean(text)
    if text is None:
        return None
    anchors = _anchors(text)
    low = None
    cued: frozenset[int] = frozenset()
    if "alar" in text or "ALAR" in text:  # "Salary: 45k - 50k": a pay word, no currency
        low = text.lower()
        cued = frozenset(_cue_anchors(low))
        if cued:
            anchors = sorted(set(anchors).union(cued))
    if not anchors:
        return None
    if low is None:
        low = text.lower()
    best: _Cand | None = None
    best_salary: Salary | None = None
    floor = 0
    seen = 0
    contract: bool | None = None
    prev_hard = False
    for a in anchors:
        if a < floor:
            continue
        m = _AMOUNT.match(text, a)
        if m is None or not m.group("num") or not (m.group("cur") or a in cued):
            continue
        c = _candidate(text, low, m, floor)
        if c is None or (a in cued and not _salary_sized(c, m)):
            continue
        if prev_hard and _CONJUNCTION.fullmatch(low, floor, c.start):
            c.hard = True  # "£15 per day and £50 on bank holidays" share their qualifier
        prev_hard = c.hard
        floor = c.end
        seen += 1
        if seen > MAX_CANDIDATES:
            break
        if c.hard or (best is not None and c.score <= best.score):
            continue
        window = low[max(0, c.start - 60) : c.end + 60]
        s = _finish(c.lo, c.hi, c.currency, c.period, window)
        if s is None:
            continue
        if s.employment_type is None:
            if contract is None:
                contract = _contract_text(low)
            if contract:
                s = _with_contract(s)
        best, best_salary = c, s
    return best_salary


def _cue_anchors(low: str) -> list[int]:
    """Offsets of figures written with no currency right after "salary" ("Salary: 45k - 50k",
    "salary of up to 30,000", "SALARY 50k 65k"); at most ``MAX_CANDIDATES``."""
    out: list[int] = []
    i = low.find("salar")
    while i >= 0 and len(out) < MAX_CANDIDATES:
        m = _CUE_TAIL.match(low, i)
        if m is not None:
            out.append(m.end())
        i = low.find("salar", i + 5)
    return out


def _salary_sized(c: _Cand, m: re.Match[str]) -> bool:
    """A figure with no currency counts only if written like a salary: "45k", "30,000", a
    five-digit figure or a range, at least ``MONTHLY_BELOW`` / 10 (not "Salary 2 weeks")."""
    top = c.hi if c.hi is not None else c.lo
    if top is None or top < MONTHLY_BELOW / 10:
        return False
    return c.is_range or m.group("suf") is not None or "," in m.group("num") or top >= 10000


def _anchors(text: str) -> list[int]:
    """Start offsets of the first ``4 * MAX_CANDIDATES`` currency-written amounts, in order.

    Symbols are found with ``str.find`` (much faster than a regex scan over a long description);
    only a symbol followed by a digit (after at most one space) is an anchor.
    """
    limit = 4 * MAX_CANDIDATES
    out: list[int] = []
    n = len(text)
    for sym, rx in _SYMBOL_ANCHORS:
        i = text.find(sym)
        looked = 0
        while i >= 0 and len(out) < 3 * limit:
            looked += 1
            if looked > limit:  # many bare symbols: let the regex engine skip them
                found = rx.finditer(text, i)
                out.extend(a.start() for _, a in zip(range(limit), found, strict=False))
                break
            j = i + 1
            if j < n and text[j] == " ":
                j += 1
            if j < n and text[j].isdigit():
                out.append(i)
            i = text.find(sym, i + 1)
    if "GBP" in text or "USD" in text or "EUR" in text:
        for k, a in enumerate(_ANCHOR_CODES.finditer(text)):
            if k >= limit:
                break
            out.append(a.start())
    out.sort()
    return out[:limit]


_CONTRACT_WORDS = re.compile(r"\bir35\b|\bday\s*rate\b|\bdaily\s+rate\b")


def _contract_text(low: str) -> bool:
    """Does the text say the job is a contract (IR35 status, a day rate)?"""
    if "ir35" in low:
        return True
    return "rate" in low and _CONTRACT_WORDS.search(low) is not None


def _with_contract(s: Salary) -> Salary:
    return _new_salary(
        s.min,
        s.max,
        s.currency,
        s.period,
        s.period_inferred,
        "contract",
        s.pro_rata,
        s.fte,
        s.doe,
        s.negotiable,
        s.ote,
    )
