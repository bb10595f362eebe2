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
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from normalize.salary_grammar import (  # noqa: F401 - thresholds re-exported
    _AMOUNT,
    _ANCHOR_CODES,
    _BACKSLASH_RUN,
    _CONJUNCTION,
    _CUE_TAIL,
    _DEFAULT_CURRENCY,
    _DIGIT,
    _FIELD_FLAG_ITEMS,
    _FIELD_FORM,
    _FIELD_PERIODS,
    _PERIOD_ANYWHERE,
    _PLAUSIBLE,
    _SYMBOL_ANCHORS,
    _SYMBOLS,
    DAILY_BELOW,
    HOURLY_BELOW,
    MONTHLY_BELOW,
    PERIODS,
    PLAUSIBLE,
    _flags,
    _infer_period,
    _period_of,
    _shorthand,
)
from normalize.salary_scoring import (  # noqa: F401 - SENTENCE_REACH re-exported
    SENTENCE_REACH,
    _Cand,
    _candidate,
    _contract_text,
    _salary_sized,
)

log = logging.getLogger(__name__)

ANNUAL_FACTORS: Mapping[str, float] = MappingProxyType(
    {"year": 1.0, "month": 12.0, "week": 52.0, "day": 220.0, "hour": 1950.0}
)
"""Default multipliers from the advertised period to a year (DESIGN.md "Annualizing")."""

MAX_CANDIDATES = 64
"""Each reader examines at most this many money amounts per text (bounds time on junk input)."""
PERIOD_REACH = 80
"""``parse_salary``: how far after a figure with no period of its own a period word still counts
("35,000 to Negotiable per year")."""


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
            if j < n and "0" <= text[j] <= "9":
                out.append(i)
            i = text.find(sym, i + 1)
    if "GBP" in text or "USD" in text or "EUR" in text:
        for k, a in enumerate(_ANCHOR_CODES.finditer(text)):
            if k >= limit:
                break
            out.append(a.start())
    out.sort()
    return out[:limit]


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
