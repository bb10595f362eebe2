"""Charts of the report, drawn with matplotlib's Agg backend and saved as PNG and SVG.

:func:`write_charts` draws every chart of :data:`CHARTS` from the report dict of
:func:`report.build.build_report` and writes ``<name>.png`` (110 dpi) and ``<name>.svg`` into a
folder. Each chart function reads the figures already in the report (it computes nothing
new), draws onto the matplotlib ``Axes`` (or ``Figure``) it is given, and labels every bar or
box with the count behind it; a chart with nothing to show says so in the picture instead of
drawing bars from too few ads. Money axes are GBP per year. Output is reproducible (fixed SVG
hash salt, no dates in the metadata).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

#: Chart name -> title, in the order the index shows them.
CHARTS: dict[str, str] = {
    "salary_by_city": "Annual base salary by city (ML roles): box P25-P75, whiskers P10-P90",
    "hub_premiums": "Hub premiums against the UK median, with 95% intervals",
    "seniority": "Seniority: share of ads and median salary per level",
    "experience": "Experience ladder: median salary by years asked",
    "trend": "Ads and median salary per month",
}

_STYLE = {
    "font.size": 9,
    "svg.hashsalt": "mljobs",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _save(fig: Figure, out: Path, name: str) -> list[str]:
    """Save ``fig`` as ``<name>.png`` and ``<name>.svg`` in ``out``, close it, return the names."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for ext, extra in (("png", {"dpi": 110}), ("svg", {"metadata": {"Date": None}})):
        path = out / f"{name}.{ext}"
        fig.savefig(path, format=ext, bbox_inches="tight", **extra)
        files.append(path.name)
    plt.close(fig)
    return files


def _empty(ax, message: str) -> None:
    """Write ``message`` in the middle of ``ax`` instead of a chart (no ticks)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _uk_cell(report: dict[str, Any]) -> dict[str, Any]:
    """The report's cell for the UK and all ML roles."""
    return next(c for c in report["cells"] if c["key"] == "uk:UK|all")


def salary_by_city(report: dict[str, Any], ax) -> None:
    """Horizontal boxes of annual salary (box P25-P75, line at the median, whiskers P10-P90)
    for the UK and the 14 cities with most salaries that have a median, labelled with n."""
    cells = [
        c
        for c in report["cells"]
        if c["role"] == "all" and c["kind"] in ("uk", "city") and c["salary"]["median"] is not None
    ]
    cells = sorted(cells, key=lambda c: (c["kind"] != "uk", -c["salaries"]))[:15]
    if not cells:
        _empty(ax, "too few ads in every city")
        return
    boxes = [
        {
            "label": f"{c['scope']} (n={c['salaries']})",
            "med": c["salary"]["median"],
            "q1": c["salary"]["p25"],
            "q3": c["salary"]["p75"],
            "whislo": c["salary"]["p10"],
            "whishi": c["salary"]["p90"],
            "fliers": [],
        }
        for c in cells
    ]
    try:
        ax.bxp(boxes[::-1], orientation="horizontal", showfliers=False)
    except TypeError:  # matplotlib < 3.10
        ax.bxp(boxes[::-1], vert=False, showfliers=False)
    ax.set_xlabel("GBP per year")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"£{v:,.0f}"))


def hub_premiums(report: dict[str, Any], ax) -> None:
    """Per city with a figure: the raw premium (median vs UK median) and, when available, the
    composition-adjusted premium, both in % with their 95% intervals as error bars."""
    rows = [r for r in report["hub_premiums"]["city"] if r["raw"] is not None]
    if not rows:
        _empty(ax, "too few ads outside the UK total for any city premium")
        return
    labels = [f"{r['city']} (n={r['salaries']})" for r in rows]
    y = list(range(len(rows)))
    raw = [r["raw"]["premium"] * 100 for r in rows]
    raw_err = [
        [(r["raw"]["premium"] - r["raw"]["ci"][0]) * 100 for r in rows],
        [(r["raw"]["ci"][1] - r["raw"]["premium"]) * 100 for r in rows],
    ]
    ax.errorbar(
        raw,
        [v + 0.15 for v in y],
        xerr=raw_err,
        fmt="o",
        capsize=3,
        label="raw (median vs UK median)",
    )
    adjusted = [
        (i, r["adjusted"])
        for i, r in enumerate(rows)
        if r["adjusted"] is not None and r["adjusted"]["ci"] is not None
    ]
    if adjusted:
        ax.errorbar(
            [a["premium"] * 100 for _, a in adjusted],
            [i - 0.15 for i, _ in adjusted],
            xerr=[
                [(a["premium"] - a["ci"][0]) * 100 for _, a in adjusted],
                [(a["ci"][1] - a["premium"]) * 100 for _, a in adjusted],
            ],
            fmt="s",
            capsize=3,
            label="adjusted (within role family x seniority)",
        )
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_yticks(y, labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("premium, %")
    ax.legend(loc="best", fontsize=8)


def _levels_chart(ax, rows: list[dict[str, Any]], xlabel: str) -> None:
    """Bars of the median salary per level of a split (levels with a median only), error
    bars = its 95% interval, tick labels with n."""
    rows = [r for r in rows if r["salary"]["median"] is not None]
    if not rows:
        _empty(ax, "too few salaries at every level")
        return
    x = list(range(len(rows)))
    medians = [r["salary"]["median"] for r in rows]
    err = [
        [r["salary"]["median"] - r["salary"]["ci"][0] for r in rows],
        [r["salary"]["ci"][1] - r["salary"]["median"] for r in rows],
    ]
    ax.bar(x, medians, yerr=err, capsize=3, color="#4c78a8")
    ax.set_xticks(x, [f"{r['level']}\nn={r['salary']['n']}" for r in rows])
    ax.set_xlabel(xlabel)
    ax.set_ylabel("median, GBP per year (95% interval)")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"£{v:,.0f}"))


def seniority(report: dict[str, Any], fig: Figure) -> None:
    """Two panels for the UK: share of ads per seniority level (with ads) and the median
    salary per level (:func:`_levels_chart`)."""
    rows = _uk_cell(report)["seniority"]
    share_ax, salary_ax = fig.subplots(1, 2, gridspec_kw={"wspace": 0.4})
    shown = [r for r in rows if r["share"] is not None]
    if shown:
        share_ax.bar(range(len(shown)), [r["share"] * 100 for r in shown], color="#72b7b2")
        share_ax.set_xticks(
            range(len(shown)), [f"{r['level']}\n{r['ads']}" for r in shown], rotation=45
        )
        share_ax.set_ylabel("share of ads, %")
    else:
        _empty(share_ax, "too few ads")
    _levels_chart(salary_ax, rows, "seniority")


def experience(report: dict[str, Any], ax) -> None:
    """Median salary per experience band asked (0-3 / 3-7 / 7+ years), UK."""
    _levels_chart(ax, _uk_cell(report)["experience"], "years of experience asked")


def trend(report: dict[str, Any], ax) -> None:
    """UK ads per month (bars) and the monthly median salary where shown (line, right axis)."""
    months = report["pages"]["uk"]["trend"]["months"]
    if not months:
        _empty(ax, "no dated ads")
        return
    x = list(range(len(months)))
    ax.bar(x, [m["ads"] for m in months], color="#bab0ac", label="ads")
    ax.set_ylabel("ads")
    step = max(1, len(months) // 12)
    ax.set_xticks(x[::step], [m["month"] for m in months][::step], rotation=45)
    points = [(i, m["median"]) for i, m in enumerate(months) if m["median"] is not None]
    if points:
        right = ax.twinx()
        right.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            "o-",
            color="#e45756",
            label="median salary",
        )
        right.set_ylabel("median, GBP per year")
        right.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"£{v:,.0f}"))


def write_charts(report: dict[str, Any], out: Path) -> list[str]:
    """Draw every chart of :data:`CHARTS` into ``out`` (created if needed); returns the file
    names written (``<name>.png`` and ``<name>.svg`` per chart)."""
    files: list[str] = []
    with plt.rc_context(_STYLE):
        for name, title in CHARTS.items():
            if name == "seniority":
                fig = plt.figure(figsize=(9, 3.6))
                seniority(report, fig)
            else:
                fig, ax = plt.subplots(figsize=(8, 4.2))
                {
                    "salary_by_city": salary_by_city,
                    "hub_premiums": hub_premiums,
                    "experience": experience,
                    "trend": trend,
                }[name](report, ax)
            fig.suptitle(title, fontsize=10)
            files += _save(fig, out, name)
    return files
