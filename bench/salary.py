"""Salary normalizer benchmark: accuracy on the dev labels and speed on real strings.

Prints, in one run:
- exact-match accuracy on ``gold/salary_dev.jsonl`` by kind (min, max, period and currency all
  equal; ``field`` -> ``parse_salary``, ``description`` -> ``find_salary``), and the same on the
  audit samples ``tests/fixtures/salary/audit_labels.jsonl`` and ``audit2_labels.jsonl`` (same
  sources, in neither the dev set nor each other);
- agreement with Adzuna's ``SalaryNormalized`` on ``adzuna-2013/adzuna_2013_dev.csv``
  (floor(midpoint x M), M = 1 year, 12 month, 48 week, 240 day, 1,920 hour; "up to X" as X);
- strings/s of ``parse_salary`` next to ``price_parser.Price.fromstring`` on the same real salary
  field strings (Reed 2019 ``salary``, Reed 2023 ``payment``, Adzuna ``SalaryRaw``, gold
  fields), median of several repeats, with the ratio;
- descriptions/s of ``find_salary`` on whole real descriptions (JobSpy, Reed 2019 joined,
  Adzuna ``FullDescription``) and the ratio to the 10,000/s target;
- apart from them, passages/s of ``find_salary`` on the passages of those descriptions that
  contain money: a window of ``--window`` characters each side of every currency amount
  (:data:`MONEY`: a £/€/$ sign or a GBP/USD/EUR code before a digit), one passage per amount,
  with how many of them ``find_salary`` reads a salary from.

Usage: ``python bench/salary.py [--corpus DIR] [--repeats N] [--window CHARS]
[--show-misses]``. The corpus defaults to ``$MLJOBS_CORPUS`` or ``../shared/corpus`` beside
the checkout; when it is absent the script says so and exits with status 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalize.salary import Salary, find_salary, parse_salary  # noqa: E402

ADZUNA_FACTORS = {"year": 1, "month": 12, "week": 48, "day": 240, "hour": 1920}
TARGET_DESCRIPTIONS_PER_S = 10_000
#: A currency amount: a sign or an ISO code, then a digit.
MONEY = re.compile(r"[£€$] ?[0-9]|\b(?:GBP|USD|EUR) ?[£€$]? ?[0-9]")


def default_corpus() -> Path:
    env = os.environ.get("MLJOBS_CORPUS")
    return Path(env) if env else (ROOT / ".." / "shared" / "corpus").resolve()


def gold_matches(row: dict, s: Salary | None) -> bool:
    """All of min, max, period and currency equal (``None`` when the label has no salary)."""
    if row["currency"] is None:
        return s is None
    if s is None:
        return False
    return (
        _eq(row["min"], s.min)
        and _eq(row["max"], s.max)
        and row["period"] == s.period
        and row["currency"] == s.currency
    )


def _eq(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-6


def adzuna_normalized(s: Salary | None) -> int | None:
    """Adzuna's convention: floor(midpoint x M); a one-sided bound counts as the figure."""
    if s is None:
        return None
    vals = [v for v in (s.min, s.max) if v is not None]
    if not vals:
        return None
    mid = sum(vals) / len(vals)
    return math.floor(round(mid * ADZUNA_FACTORS[s.period], 6))


def read_csv(path: Path) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def gold_rows(corpus: Path) -> list[dict]:
    with (corpus / "gold" / "salary_dev.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def field_strings(corpus: Path) -> list[str]:
    """Every real salary field string at hand (duplicates kept: that is the real mix)."""
    out: list[str] = []
    reed = json.loads((corpus / "reed-2019" / "reed_listings_2019.json").read_text("utf-8"))
    out += [" ".join(x.strip() for x in r.get("salary") or [] if x.strip()) for r in reed]
    out += [r["payment"] for r in read_csv(corpus / "reed-2023" / "reed_business_analyst_2023.csv")]
    out += [r["SalaryRaw"] for r in read_csv(corpus / "adzuna-2013" / "adzuna_2013_dev.csv")]
    out += [r["text"] for r in gold_rows(corpus) if r["kind"] == "field"]
    return out


def description_strings(corpus: Path) -> list[str]:
    out = [r["description"] for r in read_csv(corpus / "jobspy-uk-2026" / "jobspy_uk_2026.csv")]
    reed = json.loads((corpus / "reed-2019" / "reed_listings_2019.json").read_text("utf-8"))
    out += [" ".join(r.get("description") or []) for r in reed]
    out += [r["FullDescription"] for r in read_csv(corpus / "adzuna-2013" / "adzuna_2013_dev.csv")]
    return out


def money_passages(descriptions: list[str], window: int) -> list[str]:
    """One passage per currency amount (:data:`MONEY`) in ``descriptions``: ``window``
    characters each side of it."""
    return [
        d[max(m.start() - window, 0) : m.end() + window]
        for d in descriptions
        for m in MONEY.finditer(d)
    ]


def rate(fn: Callable[[str], object], items: list[str], repeats: int) -> float:
    """Median items per second over ``repeats`` passes."""
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for x in items:
            fn(x)
        rates.append(len(items) / (time.perf_counter() - t0))
    return statistics.median(rates)


AUDIT_DIR = ROOT / "tests" / "fixtures" / "salary"
AUDIT_SAMPLES = ("audit", "audit2")


def accuracy(corpus: Path, show: bool) -> None:
    score_labels("gold", gold_rows(corpus), show)
    for name in AUDIT_SAMPLES:
        with (AUDIT_DIR / f"{name}_labels.jsonl").open(encoding="utf-8") as f:
            score_labels(name, [json.loads(line) for line in f if line.strip()], show)
    adzuna(corpus, show)


def score_labels(name: str, rows: list[dict], show: bool) -> None:
    """Print exact-match accuracy of ``rows`` (gold-schema labels) by kind."""
    for kind, fn in (("field", parse_salary), ("description", find_salary)):
        sel = [r for r in rows if r["kind"] == kind]
        ok = 0
        for r in sel:
            s = fn(r["text"])
            if gold_matches(r, s):
                ok += 1
            elif show:
                got = None if s is None else (s.min, s.max, s.currency, s.period)
                want = (r["min"], r["max"], r["currency"], r["period"])
                print(f"  MISS {name} {kind}: want {want} got {got}\n       {_short(r['text'])}")
        label = f"{name} {kind}"
        print(f"{label:<17}: {ok}/{len(sel)} exact = {100 * ok / len(sel):.1f}%")


def adzuna(corpus: Path, show: bool) -> None:
    """Print agreement with Adzuna's own ``SalaryNormalized`` (2013 dev rows)."""
    adz = read_csv(corpus / "adzuna-2013" / "adzuna_2013_dev.csv")
    ok = 0
    for r in adz:
        got = adzuna_normalized(parse_salary(r["SalaryRaw"]))
        if got == int(r["SalaryNormalized"]):
            ok += 1
        elif show:
            print(f"  MISS adzuna: {r['SalaryRaw']!r} want {r['SalaryNormalized']} got {got}")
    print(f"adzuna agreement : {ok}/{len(adz)} = {100 * ok / len(adz):.2f}%")


def _short(text: str, n: int = 300) -> str:
    t = " ".join(text.replace("\\", "").split())
    return t if len(t) <= n else t[:n] + "..."


def speed(corpus: Path, repeats: int, window: int) -> None:
    from price_parser import Price

    fields = field_strings(corpus)
    ours = rate(parse_salary, fields, repeats)
    theirs = rate(Price.fromstring, fields, repeats)
    print(
        f"parse_salary     : {ours:,.0f} strings/s vs price_parser {theirs:,.0f} strings/s "
        f"on {len(fields)} field strings -> ratio {ours / theirs:.2f}x"
    )
    descs = description_strings(corpus)
    d = rate(find_salary, descs, repeats)
    mb = sum(map(len, descs)) / 1e6
    print(
        f"find_salary      : {d:,.0f} descriptions/s on {len(descs)} descriptions ({mb:.1f} MB)"
        f" -> {d / TARGET_DESCRIPTIONS_PER_S:.2f}x the {TARGET_DESCRIPTIONS_PER_S:,}/s target"
    )
    passages = money_passages(descs, window)
    p = rate(find_salary, passages, repeats)
    found = sum(find_salary(x) is not None for x in passages)
    with_money = sum(1 for x in descs if MONEY.search(x))
    print(
        f"find_salary      : {p:,.0f} passages/s on {len(passages):,} passages with money "
        f"({window} chars each side of each amount; {with_money:,} of the descriptions have one;"
        f" a salary read from {found:,} passages)"
    )


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--window", type=int, default=200, help="chars each side of an amount")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if not (args.corpus / "gold" / "salary_dev.jsonl").is_file():
        print(f"corpus not found at {args.corpus}: nothing to measure (set MLJOBS_CORPUS)")
        return 0
    accuracy(args.corpus, args.show_misses)
    speed(args.corpus, args.repeats, args.window)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
