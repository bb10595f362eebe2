"""The candidate scorer of :mod:`normalize.salary`: one money expression found in the text
becomes a :class:`_Cand` with its bounds, period, currency, whether it is not pay (``hard``:
OTE, bonus, revenue...; ``soft``: probably not) and a score; ``find_salary`` keeps the best
scored candidate that is pay, the earliest on a tie.

The score is the sum of the named weights below (a pay word before or after the amount, a
written period, a range; minus a soft non-pay word after it).
"""

from __future__ import annotations

import re

from normalize.salary_grammar import (
    _AFTER_HARD,
    _AFTER_SOFT,
    _AFTER_WIDE,
    _AMOUNT,
    _BASE_NEXT,
    _BASE_WORD,
    _BEFORE_HARD,
    _BETWEEN_END,
    _BOUND_END,
    _DEFAULT_CURRENCY,
    _FROM_AFTER,
    _K_SPACE,
    _LEADS_TO_NEXT,
    _MASKED,
    _OTE_WORD,
    _PAY_AFTER,
    _PAY_BEFORE,
    _PERIOD,
    _PERIOD_CUE,
    _SENTENCE_CUTS,
    _SEP,
    _UNIT,
    MONTHLY_BELOW,
    _after_window,
    _amount,
    _before_window,
    _is_range,
    _period_of,
    _plausible,
    _shorthand,
)

SCORE_PAY_WORD_BEFORE = 3
"""A pay cue before the amount ("Salary:", "basic of", "paying")."""
SCORE_PAY_WORD_AFTER = 2
"""A pay cue right after the amount ("basic", "per annum salary")."""
SCORE_PERIOD_WRITTEN = 2
"""A period written with the amount ("per annum", "/day")."""
SCORE_RANGE = 2
"""The amount is a range ("£45k - £55k")."""
SCORE_SOFT_NON_PAY = -4
"""A soft non-pay word after the amount (see ``[non_pay] after_soft``)."""

SENTENCE_REACH = 120
"""``find_salary``: how far back in an amount's sentence an OTE phrase still disqualifies it."""


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
    start: int
    end: int
    lo: float | None
    hi: float | None
    is_range: bool
    currency: str
    period: str | None
    inferred: bool
    hard: bool
    soft: bool
    score: int
    cur_written: bool

    def __init__(self) -> None:
        self.hard = False
        self.soft = False
        self.score = 0
        self.inferred = False


def _qualifies_next(after: str, cue: re.Match[str], amount_follows: bool) -> bool:
    """True when a cue word after an amount introduces the next amount ("... OTE £35k")."""
    return amount_follows and _LEADS_TO_NEXT.match(after, cue.end()) is not None


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
            score += SCORE_PAY_WORD_BEFORE
        if _PAY_AFTER.search(after):
            score += SCORE_PAY_WORD_AFTER
        if period is not None:
            score += SCORE_PERIOD_WRITTEN
    if period is None and before:
        cue = _PERIOD_CUE.search(before)
        # a cue the figure cannot be ("Day Rate : £110,000") leaves the period to the magnitude
        if cue and _plausible(lo, hi, cue.lastgroup):
            period = cue.lastgroup
    if is_range:
        score += SCORE_RANGE
    if c.soft:
        score += SCORE_SOFT_NON_PAY
    c.score = score
    c.period = period
    return c


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


def _salary_sized(c: _Cand, m: re.Match[str]) -> bool:
    """A figure with no currency counts only if written like a salary: "45k", "30,000", a
    five-digit figure or a range, at least ``MONTHLY_BELOW`` / 10 (not "Salary 2 weeks")."""
    top = c.hi if c.hi is not None else c.lo
    if top is None or top < MONTHLY_BELOW / 10:
        return False
    return c.is_range or m.group("suf") is not None or "," in m.group("num") or top >= 10000


_CONTRACT_WORDS = re.compile(r"\bir35\b|\bday\s*rate\b|\bdaily\s+rate\b")


def _contract_text(low: str) -> bool:
    """Does the text say the job is a contract (IR35 status, a day rate)?"""
    if "ir35" in low:
        return True
    return "rate" in low and _CONTRACT_WORDS.search(low) is not None
