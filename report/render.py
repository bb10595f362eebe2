"""Write the report: ``report.json``, Markdown and static HTML pages, and charts.

Layout of the output folder::

    report.json              every figure (the dict of report.build.build_report)
    index.html, index.md     UK overview: headline table, regions, cities, premiums, skills, trend
    role/<slug>.html|.md     one page per ML role family
    city/<slug>.html|.md     one page per city
    region/<slug>.html|.md   one page per ITL1 region
    charts/<name>.png|.svg   see report.charts.CHARTS

HTML goes through Jinja2 with autoescaping, so ad text (titles, employer names, skills) is
shown as text; links to ads are kept only for ``http``/``https`` URLs. Markdown escapes the
characters Markdown and inline HTML give meaning to.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import sqlite_utils
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from report.build import ALL_ROLES, ROLE_LABELS, ReportSettings, build_report, cell_index
from report.charts import write_charts
from report.safety import safe_export

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def slugify(name: str) -> str:
    """A file-name slug: lower case ASCII letters and digits joined by ``-`` (``"page"`` when
    nothing is left)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "page"


def md_escape(value: Any) -> str:
    """``value`` as Markdown text: backslash before Markdown/HTML punctuation, newlines folded."""
    text = "" if value is None else str(value)
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _money(value: float | None, empty: str = "too few ads") -> str:
    return empty if value is None else f"£{value:,.0f}"


def _pct(value: float | None) -> str:
    return "too few ads" if value is None else f"{value * 100:.1f}%"


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:+.1f}%"


def _ci(ci: list[float] | None) -> str:
    return "" if not ci else f"{_money(ci[0])}-{_money(ci[1])}"


def _n(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _safe_url(url: Any) -> str | None:
    return url if isinstance(url, str) and re.match(r"https?://", url, re.IGNORECASE) else None


def _environment(markdown: bool) -> Environment:
    if markdown:
        env = Environment(
            loader=PackageLoader("report", "templates"),
            autoescape=False,
            undefined=StrictUndefined,
            trim_blocks=False,
            keep_trailing_newline=True,
            finalize=lambda v: v if isinstance(v, Markup) else md_escape(v),
        )
    else:
        env = Environment(
            loader=PackageLoader("report", "templates"),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
        )
    env.filters.update(money=_money, pct=_pct, signed=_signed, ci=_ci, n=_n, safe_url=_safe_url)
    return env


class _Site:
    """Page list, slugs and the template context of each page."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.report = report
        self.cells = cell_index(report)
        self.slugs: dict[str, dict[str, str]] = {}
        for kind, section in (("role", "roles"), ("city", "cities"), ("region", "regions")):
            taken: set[str] = set()
            mapping = {}
            for name in report["pages"][section]:
                slug = base = slugify(name)
                i = 2
                while slug in taken:
                    slug, i = f"{base}-{i}", i + 1
                taken.add(slug)
                mapping[name] = slug
            self.slugs[kind] = mapping

    def href(self, kind: str, name: str, ext: str, prefix: str = "") -> str | None:
        slug = self.slugs[kind].get(name)
        return None if slug is None else f"{prefix}{kind}/{slug}.{ext}"

    def label(self, role: str) -> str:
        return "All ML roles" if role == ALL_ROLES else ROLE_LABELS.get(role, role)

    def row(
        self, key: str, label: str, kind: str | None, name: str | None, prefix: str
    ) -> dict[str, Any] | None:
        cell = self.cells.get(key)
        if cell is None:
            return None
        return {
            "cell": cell,
            "label": label,
            "href": self.href(kind, name, "html", prefix) if kind else None,
            "md_href": self.href(kind, name, "md", prefix) if kind else None,
        }

    def pages(self):
        """Yield ``(path without extension, context)`` for every page."""
        r = self.report
        roles = list(r["pages"]["roles"])
        base = {"report": r, "settings": r["settings"]}
        links = {
            "roles": [
                {"label": self.label(x), "href": self.href("role", x, "html")} for x in roles
            ],
            "cities": [
                {"label": c, "href": self.href("city", c, "html")} for c in r["pages"]["cities"]
            ],
        }
        headline = [self.row("uk:UK|all", "UK, all ML roles", None, None, "")] + [
            self.row(f"uk:UK|{x}", self.label(x), "role", x, "") for x in roles
        ]
        regions = [self.row(f"region:{x}|all", x, "region", x, "") for x in r["pages"]["regions"]]
        yield (
            "index",
            {
                **base,
                "kind": "index",
                "prefix": "",
                "links": links,
                "title": "UK machine-learning job market: market intelligence",
                "headline": headline,
                "regions": regions,
                "focus": self.cells["uk:UK|all"],
                "page": r["pages"]["uk"],
                "premium_row": None,
                "city_href": lambda c: self.href("city", c, "html"),
                "city_md": lambda c: self.href("city", c, "md"),
            },
        )
        page_links = {
            "roles": [{"label": x["label"], "href": x["href"]} for x in links["roles"]],
            "cities": links["cities"],
        }
        for role in roles:
            rows = [self.row(f"uk:UK|{role}", "UK", None, None, "../")]
            for kind, section in (("city", "cities"), ("region", "regions")):
                rows += [
                    self.row(f"{kind}:{x}|{role}", x, kind, x, "../") for x in r["pages"][section]
                ]
            yield (
                f"role/{self.slugs['role'][role]}",
                {
                    **base,
                    "kind": "role",
                    "prefix": "../",
                    "links": page_links,
                    "title": f"{self.label(role)}: UK market intelligence",
                    "headline": [x for x in rows if x is not None],
                    "focus": self.cells[f"uk:UK|{role}"],
                    "page": r["pages"]["roles"][role],
                    "premium_row": None,
                },
            )
        for kind, section in (("city", "cities"), ("region", "regions")):
            premiums = {p[kind]: p for p in r["hub_premiums"][kind]}
            for name in r["pages"][section]:
                rows = [self.row(f"{kind}:{name}|all", "All ML roles", None, None, "../")]
                rows += [
                    self.row(f"{kind}:{name}|{x}", self.label(x), "role", x, "../") for x in roles
                ]
                yield (
                    f"{kind}/{self.slugs[kind][name]}",
                    {
                        **base,
                        "kind": kind,
                        "prefix": "../",
                        "links": page_links,
                        "title": f"ML jobs in {name}: market intelligence",
                        "headline": [x for x in rows if x is not None],
                        "focus": self.cells[f"{kind}:{name}|all"],
                        "page": r["pages"][section][name],
                        "premium_row": premiums.get(name),
                    },
                )


def render(report: dict[str, Any], out: Path) -> list[str]:
    """Write ``report.json``, the HTML and Markdown pages of ``report`` into ``out``; returns
    the paths written, relative to ``out``. Raises ``OSError`` when ``out`` cannot be written.
    """
    out.mkdir(parents=True, exist_ok=True)
    written = ["report.json"]
    (out / "report.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    html = _environment(markdown=False).get_template("page.html")
    md = _environment(markdown=True).get_template("page.md")
    site = _Site(report)
    for path, context in site.pages():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.with_suffix(".html").write_text(html.render(context), encoding="utf-8")
        target.with_suffix(".md").write_text(md.render(context).lstrip(), encoding="utf-8")
        written += [f"{path}.html", f"{path}.md"]
    return written


def write_report(
    db: sqlite_utils.Database,
    out: Path | str,
    settings: ReportSettings | None = None,
    charts: bool = True,
) -> dict[str, Any]:
    """Build the report from ``db`` and write every output into ``out`` (see module doc).

    Returns ``{"report": <the dict>, "files": [paths relative to out]}``. ``charts=False``
    skips the PNG/SVG charts (pages still reference them).
    """
    out = Path(out)
    report = safe_export(build_report(db, settings))  # http(s) links only, no bidi overrides
    files = render(report, out)
    if charts:
        files += [f"charts/{name}" for name in write_charts(report, out / "charts")]
    return {"report": report, "files": files}
