"""Write the report: ``report.json``, Markdown and static HTML pages, and charts.

Layout of the output folder::

    report.json              every figure (the dict of report.build.build_report)
    index.html, index.md     UK overview: headline table (UK, UK excluding London, each role),
                             regions, cities, premiums, rankings, skills, trend, provenance
    role/<slug>.html|.md     one page per ML role family
    city/<slug>.html|.md     one page per city
    region/<slug>.html|.md   one page per ITL1 region
    role-city/<role>--<city>.html|.md   one page per role x city with min_count salaries
    ads/<hash>.html          the ads behind a figure (written when a database is given):
                             every linked count in the HTML points at one
    style.css                the one stylesheet (report/templates/style.css)
    charts/<name>.png|.svg   see report.charts.CHARTS

The site is static and uses relative links only, so it works from ``file://`` and from any
static host; it has no scripts. HTML goes through Jinja2 with autoescaping, so ad text
(titles, employer names, skills) is shown as text; links to ads are kept only for
``http``/``https`` URLs. Markdown escapes the characters Markdown and inline HTML give meaning
to.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import sqlite_utils
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from db.filters import Filters
from report.build import (
    ALL_ROLES,
    ROLE_LABELS,
    UK_EX_LONDON,
    UK_EX_LONDON_LABEL,
    ReportSettings,
    build_report,
    cell_index,
)
from report.charts import write_charts
from report.provenance import AD_COLUMNS
from report.shapes import Query

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
            self.slugs[kind] = _unique_slugs(report["pages"][section])
        role_cities = report["pages"].get("role_cities", {})
        self.slugs["role-city"] = {
            key: f"{self.slugs['role'][p['role']]}--{self.slugs['city'][p['city']]}"
            for key, p in role_cities.items()
        }

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

    def role_city_links(self, role: str | None = None, city: str | None = None) -> list[dict]:
        """Links to the role x city pages (of one role or one city), hrefs from the root."""
        out = []
        for key, page in self.report["pages"].get("role_cities", {}).items():
            if role in (None, page["role"]) and city in (None, page["city"]):
                label = (
                    page["city"]
                    if role
                    else self.label(page["role"])
                    if city
                    else f"{self.label(page['role'])} in {page['city']}"
                )
                out.append({"label": label, "href": self.href("role-city", key, "html")})
        return out

    def pages(self):
        """Yield ``(path without extension, context)`` for every page."""
        r = self.report
        roles = list(r["pages"]["roles"])
        base = {"report": r, "settings": r["settings"], "crumbs": [], "related": None}
        links = {
            "roles": [
                {"label": self.label(x), "href": self.href("role", x, "html")} for x in roles
            ],
            "cities": [
                {"label": c, "href": self.href("city", c, "html")} for c in r["pages"]["cities"]
            ],
            "role_cities": self.role_city_links(),
        }
        ex_london = f"{UK_EX_LONDON}:{UK_EX_LONDON_LABEL}"
        headline = [
            self.row("uk:UK|all", "UK, all ML roles", None, None, ""),
            self.row(f"{ex_london}|all", f"{UK_EX_LONDON_LABEL}, all ML roles", None, None, ""),
        ] + [self.row(f"uk:UK|{x}", self.label(x), "role", x, "") for x in roles]
        regions = [self.row(f"region:{x}|all", x, "region", x, "") for x in r["pages"]["regions"]]
        yield (
            "index",
            {
                **base,
                "kind": "index",
                "prefix": "",
                "links": links,
                "title": "UK machine-learning job market: market intelligence",
                "headline": [x for x in headline if x is not None],
                "regions": regions,
                "focus": self.cells["uk:UK|all"],
                "page": r["pages"]["uk"],
                "premium_row": None,
                "city_href": lambda c: self.href("city", c, "html"),
                "city_md": lambda c: self.href("city", c, "md"),
            },
        )
        for role in roles:
            rows = [
                self.row(f"uk:UK|{role}", "UK", None, None, "../"),
                self.row(f"{ex_london}|{role}", UK_EX_LONDON_LABEL, None, None, "../"),
            ]
            for kind, section in (("city", "cities"), ("region", "regions")):
                suffix = " (ITL1 region)" if kind == "region" else ""
                rows += [
                    self.row(f"{kind}:{x}|{role}", x + suffix, kind, x, "../")
                    for x in r["pages"][section]
                ]
            related = self.role_city_links(role=role)
            yield (
                f"role/{self.slugs['role'][role]}",
                {
                    **base,
                    "kind": "role",
                    "prefix": "../",
                    "links": links,
                    "crumbs": [{"label": self.label(role), "href": None}],
                    "related": {"title": "By city", "links": related} if related else None,
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
                related = self.role_city_links(city=name) if kind == "city" else []
                yield (
                    f"{kind}/{self.slugs[kind][name]}",
                    {
                        **base,
                        "kind": kind,
                        "prefix": "../",
                        "links": links,
                        "crumbs": [{"label": name, "href": None}],
                        "related": {"title": "Roles in this city", "links": related}
                        if related
                        else None,
                        "title": f"ML jobs in {name}: market intelligence",
                        "headline": [x for x in rows if x is not None],
                        "focus": self.cells[f"{kind}:{name}|all"],
                        "page": r["pages"][section][name],
                        "premium_row": premiums.get(name),
                    },
                )
        for key, page in r["pages"].get("role_cities", {}).items():
            role, city = page["role"], page["city"]
            yield (
                f"role-city/{self.slugs['role-city'][key]}",
                {
                    **base,
                    "kind": "role_city",
                    "prefix": "../",
                    "links": links,
                    "crumbs": [
                        {"label": self.label(role), "href": self.href("role", role, "html")},
                        {"label": city, "href": self.href("city", city, "html")},
                    ],
                    "title": f"{self.label(role)} in {city}: market intelligence",
                    "headline": [self.row(f"city:{city}|{role}", city, None, None, "../")],
                    "focus": self.cells[f"city:{city}|{role}"],
                    "page": page,
                    "premium_row": None,
                },
            )


def _unique_slugs(names) -> dict[str, str]:
    """Name -> slug (:func:`slugify`), made unique with ``-2``, ``-3``... in order."""
    taken: set[str] = set()
    mapping = {}
    for name in names:
        slug = base = slugify(name)
        i = 2
        while slug in taken:
            slug, i = f"{base}-{i}", i + 1
        taken.add(slug)
        mapping[name] = slug
    return mapping


#: Most ads listed on one ads page; the page says when the list is cut and gives the SQL.
AD_LIST_MAX = 1000


class _AdLists:
    """The ads pages: one per distinct figure query, named by a hash of the query."""

    def __init__(self) -> None:
        self.queries: dict[str, tuple[Query, str]] = {}

    def href(self, query: Query, title: str) -> str:
        """Register ``query`` (titled ``title`` on first use); its page's path from the root."""
        key = json.dumps([query["sql"], query["params"]], default=str)
        name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
        self.queries.setdefault(name, (query, title))
        return f"ads/{name}.html"

    def write(
        self, db: sqlite_utils.Database, out: Path, env: Environment, base: dict
    ) -> list[str]:
        """Run every registered query on ``db`` and write its page; returns the paths.

        An ad's table row is rendered once (macro ``ad_row``) however many pages list it."""
        (out / "ads").mkdir(parents=True, exist_ok=True)
        template = env.get_template("ads.html")
        ad_row = env.get_template("macros.html").make_module(base).ad_row
        cache: dict[str, Markup] = {}
        written = []
        with _indexed_population(db):
            for name, (query, title) in sorted(self.queries.items()):
                ads, total = list_ads(db, query, AD_LIST_MAX)
                rows = [
                    cache[a["id"]]
                    if a["id"] in cache
                    else cache.setdefault(a["id"], Markup(ad_row(a)))
                    for a in ads
                ]
                html = template.render(
                    {**base, "title": title, "rows": rows, "total": total, "query": query}
                )
                (out / "ads" / f"{name}.html").write_text(html, encoding="utf-8")
                written.append(f"ads/{name}.html")
        return written


@contextmanager
def _indexed_population(db: sqlite_utils.Database) -> Iterator[None]:
    """While inside, ``ml_ads`` names an indexed TEMP copy of the view and ``ad_skills`` a TEMP
    copy of the skills of those ads only, so the many figure queries (each a scan of the view,
    months computed per row, or a skill's ads among every stored ad) run on small indexed
    tables: the same SQL, the same rows (every figure query selects from ``ml_ads``). TEMP
    objects live in the connection's own temporary schema, which SQLite searches before
    ``main``; the database file is not written. The copies are dropped on the way out."""
    conn = db.conn
    try:
        conn.execute("CREATE TEMP TABLE ml_ads AS SELECT * FROM main.ml_ads")
        for column in ("id", "role", "city", "region", "seniority", "month", "source"):
            conn.execute(f"CREATE INDEX temp.ml_ads_{column} ON ml_ads ({column})")
        conn.execute(
            "CREATE TEMP TABLE ad_skills AS SELECT s.ad_id, s.skill FROM main.ad_skills s "
            "WHERE s.ad_id IN (SELECT id FROM temp.ml_ads)"
        )
        conn.execute("CREATE INDEX temp.ad_skills_skill ON ad_skills (skill, ad_id)")
        conn.execute("CREATE INDEX temp.ad_skills_ad ON ad_skills (ad_id)")
        yield
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.ad_skills")
        conn.execute("DROP TABLE IF EXISTS temp.ml_ads")


def list_ads(
    db: sqlite_utils.Database, query: Query, limit: int = AD_LIST_MAX
) -> tuple[list[dict[str, Any]], int]:
    """The ads a figure's ``query`` (:func:`report.provenance.figure_query`) returns, as dicts
    of :data:`report.provenance.AD_COLUMNS` plus ``region`` and ``source``, most recently
    posted first (then by id), at most ``limit``; and how many there are in all."""
    columns = ", ".join(f"a.{c}" for c in (*AD_COLUMNS, "region", "source"))
    sql = (
        f"SELECT {columns}, count(*) OVER () AS total_ "
        f"FROM ml_ads a WHERE a.id IN (SELECT id FROM ({query['sql']})) "
        "ORDER BY a.posted_at IS NULL, a.posted_at DESC, a.id LIMIT ?"
    )
    cursor = db.conn.execute(sql, [*query["params"], int(limit)])
    names = [d[0] for d in cursor.description][:-1]
    fetched = cursor.fetchall()
    rows = [dict(zip(names, r[:-1], strict=True)) for r in fetched]
    return rows, (fetched[0][-1] if fetched else 0)


def render(report: dict[str, Any], out: Path, db: sqlite_utils.Database | None = None) -> list[str]:
    """Write ``report.json``, the stylesheet, the HTML and Markdown pages of ``report`` into
    ``out`` and, when ``db`` (the database the report was built from) is given, one page per
    linked count listing the ads behind it; returns the paths written, relative to ``out``.
    Raises ``OSError`` when ``out`` cannot be written.
    """
    out.mkdir(parents=True, exist_ok=True)
    written = ["report.json", "style.css"]
    (out / "report.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    css = resources.files("report").joinpath("templates", "style.css").read_text("utf-8")
    (out / "style.css").write_text(css, encoding="utf-8")
    lists = _AdLists()
    html_env = _environment(markdown=False)
    html_env.globals["ads_href"] = lists.href if db is not None else (lambda query, title: None)
    html = html_env.get_template("page.html")
    md = _environment(markdown=True).get_template("page.md")
    site = _Site(report)
    for path, context in site.pages():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.with_suffix(".html").write_text(html.render(context), encoding="utf-8")
        target.with_suffix(".md").write_text(md.render(context).lstrip(), encoding="utf-8")
        written += [f"{path}.html", f"{path}.md"]
    if db is not None:
        links = next(site.pages())[1]["links"]
        base = {"report": report, "prefix": "../", "links": links, "crumbs": []}
        written += lists.write(db, out, html_env, base)
    return written


def write_report(
    db: sqlite_utils.Database,
    out: Path | str,
    settings: ReportSettings | None = None,
    charts: bool = True,
    filters: Filters | None = None,
) -> dict[str, Any]:
    """Build the report from ``db`` and write every output into ``out`` (see module doc).

    ``filters`` (:class:`db.filters.Filters`) restricts the report to the ads they select.
    Returns ``{"report": <the dict>, "files": [paths relative to out]}``. ``charts=False``
    skips the PNG/SVG charts (pages still reference them).
    """
    out = Path(out)
    report = build_report(db, settings, filters)
    files = render(report, out, db)
    if charts:
        files += [f"charts/{name}" for name in write_charts(report, out / "charts")]
    return {"report": report, "files": files}
