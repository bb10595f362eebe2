"""Crawl throughput against the honest yardstick: the full pipeline and a bare Scrapy spider
crawling the same loopback server with the same settings, in one run on the same machine.

For every run the bench starts a test server (a subprocess bound to 127.0.0.1 on a free port,
serving a fixed set of paths and nothing else; it stops by itself after the number of requests
one crawl makes, or after ``--server-timeout`` seconds). It publishes a robots.txt, a sitemap of
``--ads`` ad pages and the pages themselves, each with a schema.org JobPosting (salary,
location, dates, a description of a few hundred words), as machinelearningjobs.co.uk does.

- **ours**: ``mljobs crawl machinelearningjobs`` reads them exactly as it reads the real board
  (sitemap, robots.txt, JSON-LD, every project middleware and extension, the normalize
  pipeline and the SQLite store, into a temporary database).
- **bare**: ``bench/bare_spider.py``, a plain ``scrapy.Spider`` (no project settings,
  pipelines, extensions or middlewares beyond Scrapy's defaults) fetches the same robots.txt,
  sitemap and pages and yields each page's JobPosting as a dict, which nothing stores.

Both use the same politeness and concurrency settings (:data:`SHARED_SETTINGS`): robots.txt
obeyed, 16 requests at once, 8 per host, and, for a throughput bench, DOWNLOAD_DELAY 0 and
AutoThrottle off in both (the real crawl keeps them on). Each crawl runs in a fresh process
(Twisted's reactor starts once per process); the runs alternate (ours, bare, bare, ours, ...)
and the medians are compared. Pages/s is Scrapy's ``downloader/response_count`` over its
``elapsed_time_seconds`` (spider open to close; process start-up excluded in both, and so is
what our extensions do on ``spider_closed`` after Scrapy's CoreStats has stopped the clock:
saving the incremental state, the health check, the ``crawl_runs`` row; the store pipeline's
last batch is inside it). The server's CPU seconds are printed to show it is not the bottleneck.

Usage: ``python bench/crawl.py [--ads 2000] [--runs 3]``. Prints pages/s of each run, the
medians and the ratio (target: at least 0.9).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 0.9

#: Politeness and concurrency, identical for both crawls.
SHARED_SETTINGS: dict[str, object] = {
    "ROBOTSTXT_OBEY": True,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_SLOTS": {},
    "COOKIES_ENABLED": False,
    "LOG_LEVEL": "WARNING",
}

SERVER = textwrap.dedent("""
    import json, os, sys, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    PORT, N, LIMIT, TIMEOUT = (int(a) for a in sys.argv[1:5])
    CITIES = ["London", "Manchester", "Cambridge", "Edinburgh", "Bristol", "Leeds", "Remote"]
    TITLES = ["Machine Learning Engineer", "Senior Data Scientist", "MLOps Engineer",
              "Research Scientist, NLP", "Computer Vision Engineer", "Lead AI Engineer"]
    WORDS = ("You will build and deploy models in Python with PyTorch and scikit-learn on AWS, "
             "work with SQL, Spark and Airflow, and mentor engineers. ") * 12

    def page(n):
        low = 40000 + (n % 50) * 1000
        posting = {"@context": "https://schema.org", "@type": "JobPosting",
                   "title": TITLES[n % len(TITLES)], "description": f"<p>{WORDS}</p>",
                   "datePosted": "2026-10-%02d" % (1 + n % 28),
                   "validThrough": "2026-12-31T23:59:59+00:00", "employmentType": "FULL_TIME",
                   "hiringOrganization": {"@type": "Organization", "name": f"Employer {n % 97}"},
                   "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
                       "addressLocality": CITIES[n % len(CITIES)], "addressCountry": "GB"}},
                   "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP",
                       "value": {"@type": "QuantitativeValue", "minValue": low,
                                 "maxValue": low + 15000, "unitText": "YEAR"}}}
        return ("<!DOCTYPE html><html><head><title>job</title>"
                '<script type="application/ld+json">' + json.dumps(posting) + "</script>"
                "</head><body><h1>" + posting["title"] + "</h1></body></html>").encode()

    HOST = f"127.0.0.1:{PORT}"
    HTML = "text/html; charset=utf-8"
    PATHS = {f"/view-job/ad-{n:012x}": (page(n), HTML) for n in range(N)}
    urls = "".join(f"<url><loc>http://{HOST}{p}</loc><lastmod>2026-10-16</lastmod></url>"
                   for p in PATHS)
    PATHS["/sitemap.xml"] = (('<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + "</urlset>").encode(),
        "application/xml")
    PATHS["/robots.txt"] = (b"User-agent: *\\nAllow: /\\n", "text/plain")
    served = 0
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            global served
            found = PATHS.get(self.path)
            if found is None:
                self.send_error(404)
            else:
                body, kind = found
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            with lock:
                served += 1
                if served == LIMIT:
                    threading.Thread(target=server.shutdown).start()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    server.daemon_threads = True
    timer = threading.Timer(TIMEOUT, server.shutdown)
    timer.daemon = True
    timer.start()
    server.serve_forever()
    t = os.times()
    print(json.dumps({"served": served, "cpu_seconds": t.user + t.system}), flush=True)
""")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 10.0) -> None:
    """Return once 127.0.0.1:``port`` accepts connections; RuntimeError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the test server did not start on 127.0.0.1:{port}")


@dataclass
class Crawl:
    """One crawl process: its responses, the seconds from spider open to close (Scrapy's
    ``elapsed_time_seconds``), the seconds from spider close to the process's exit (our
    extensions' end of run, the vacancy assignment, the summary), the process's wall seconds
    from start to exit (imports and start-up included) and its CPU seconds (user + system,
    children included)."""

    pages: int
    seconds: float
    after_close: float
    wall: float
    cpu: float


def timed(cmd: list[str], **kwargs: object) -> tuple[subprocess.CompletedProcess, float, float]:
    """``subprocess.run(cmd, check=True, **kwargs)``; (result, wall seconds, CPU seconds of the
    process and its children, user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    result = subprocess.run(cmd, check=True, timeout=1800, **kwargs)
    wall = time.time() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result, wall, cpu


def our_crawl(port: int, ads: int, workdir: Path) -> Crawl:
    """The full pipeline through the CLI into a fresh database."""
    db = workdir / f"bench-{port}.db"
    cmd = [sys.executable, "-m", "cli", "--db", str(db), "--log-level", "WARNING", "crawl"]
    cmd += ["machinelearningjobs", "-a", f"sitemap_urls=http://127.0.0.1:{port}/sitemap.xml"]
    for name, value in SHARED_SETTINGS.items():
        cmd += ["-s", f"{name}={json.dumps(value) if isinstance(value, dict) else value}"]
    _, wall, cpu = timed(cmd, cwd=ROOT)
    exited = time.time()
    with sqlite3.connect(db) as conn:
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])
        stored = conn.execute("SELECT count(*) FROM ads").fetchone()[0]
    if stored != ads:
        raise RuntimeError(f"expected {ads} ads stored, found {stored}")
    finished = datetime.fromisoformat(stats["finish_time"]).timestamp()
    return Crawl(
        int(stats["downloader/response_count"]),
        float(stats["elapsed_time_seconds"]),
        exited - finished,
        wall,
        cpu,
    )


def bare_crawl(port: int, ads: int, workdir: Path) -> Crawl:
    """The bare spider, outside the project."""
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    result, wall, cpu = timed(
        [
            sys.executable,
            str(Path(__file__).with_name("bare_spider.py")),
            f"http://127.0.0.1:{port}/sitemap.xml",
            json.dumps(SHARED_SETTINGS),
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
    )
    exited = time.time()
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    if stats.get("item_scraped_count") != ads:
        raise RuntimeError(f"bare spider: {ads} items expected, stats {stats}\n{result.stderr}")
    return Crawl(
        int(stats["downloader/response_count"]),
        float(stats["elapsed_time_seconds"]),
        exited - float(stats["finish_time"]),
        wall,
        cpu,
    )


def one_run(kind: str, ads: int, workdir: Path, server_timeout: int) -> tuple[Crawl, float]:
    """One crawl against its own server; (the crawl, the server's CPU seconds)."""
    port = free_port()
    limit = ads + 2  # robots.txt, the sitemap, the ad pages
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port), str(ads), str(limit), str(server_timeout)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(port)
        crawl = our_crawl if kind == "ours" else bare_crawl
        result = crawl(port, ads, workdir)
        out, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
    served = json.loads(out.strip().splitlines()[-1])
    if result.pages != limit or served["served"] != limit:
        raise RuntimeError(
            f"{kind}: {result.pages} responses, {served['served']} served, {limit} expected"
        )
    return result, served["cpu_seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ads", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each crawl (interleaved)")
    parser.add_argument("--server-timeout", type=int, default=600)
    args = parser.parse_args()
    runs: dict[str, list[Crawl]] = {"ours": [], "bare": []}
    print(
        "settings of both crawls: "
        + ", ".join(f"{k}={v}" for k, v in SHARED_SETTINGS.items())
        + " (politeness delays off in both: a throughput bench)"
    )
    print(f"machine: {os.cpu_count()} CPUs, load average {load()} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            order = ("ours", "bare") if i % 2 == 0 else ("bare", "ours")
            for kind in order:
                run, server_cpu = one_run(kind, args.ads, Path(tmp), args.server_timeout)
                runs[kind].append(run)
                print(
                    f"  run {i + 1} {kind}: {run.pages} pages at {run.pages / run.seconds:,.1f} "
                    f"pages/s (open to close {run.seconds:.1f} s, then {run.after_close:.1f} s to "
                    f"exit; process {run.wall:.1f} s wall, {run.cpu:.1f} s CPU; server CPU "
                    f"{server_cpu:.1f} s)"
                )
    print(f"load average {load()} at the end")

    def median(kind: str, figure: Callable[[Crawl], float]) -> float:
        return statistics.median(figure(r) for r in runs[kind])

    figures = {
        "pages/s, spider open to close": lambda r: r.pages / r.seconds,
        "pages/s, spider open to process exit": lambda r: r.pages / (r.seconds + r.after_close),
        "pages/s, process start to exit": lambda r: r.pages / r.wall,
        "CPU ms per page, whole process": lambda r: 1000 * r.cpu / r.pages,
    }
    print(f"medians of {args.runs} interleaved runs ({args.ads} ads stored per run of ours):")
    print(f"  {'':40} {'ours':>9} {'bare':>9} {'ratio':>7}")
    for name, figure in figures.items():
        ours, bare = median("ours", figure), median("bare", figure)
        ratio = ours / bare if "pages/s" in name else bare / ours
        print(f"  {name:40} {ours:9,.1f} {bare:9,.1f} {ratio:6.2f}x")
    ours = median("ours", figures["pages/s, spider open to close"])
    bare = median("bare", figures["pages/s, spider open to close"])
    print(f"mljobs crawl machinelearningjobs, full pipeline: median {ours:,.1f} pages/s")
    print(f"bare scrapy.Spider, same server and settings: median {bare:,.1f} pages/s")
    print(f"ratio: {ours / bare:.2f}x (target >= {TARGET_RATIO}x), medians of {args.runs} runs")


def load() -> str:
    """The 1, 5 and 15 minute load averages, as ``uptime`` prints them."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
