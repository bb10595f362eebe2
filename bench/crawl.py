"""Crawl throughput: 2,000 ads from a local test server through the full pipeline, against
``scrapy bench`` measured in the same run on the same machine.

The test server (a subprocess, bound to 127.0.0.1 only, serving a fixed set of 2,003 paths and
nothing else) publishes a robots.txt, a sitemap of 2,000 ad pages and the pages themselves,
each with a schema.org JobPosting (salary, location, dates, a description of a few hundred
words). ``mljobs crawl machinelearningjobs`` then reads them exactly as it reads the real board:
sitemap, robots.txt, JSON-LD, the normalize pipeline (salary, location, role, skills) and the
SQLite store, into a temporary database. Politeness delays are switched off for both runs
(DOWNLOAD_DELAY 0, no AutoThrottle) and both use Scrapy's default concurrency (16 requests, 8
per host), so the figures compare the machinery, not the manners.

Usage: ``python bench/crawl.py [--ads 2000] [--bench-seconds 10]``. Prints pages/second of each
and the ratio (the target is at least 0.5).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SERVER = textwrap.dedent("""
    import json, sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    N = int(sys.argv[2])
    CITIES = ["London", "Manchester", "Cambridge", "Edinburgh", "Bristol", "Leeds", "Remote"]
    TITLES = ["Machine Learning Engineer", "Senior Data Scientist", "MLOps Engineer",
              "Research Scientist, NLP", "Computer Vision Engineer", "Lead AI Engineer"]
    WORDS = ("You will build and deploy models in Python with PyTorch and scikit-learn on AWS, "
             "work with SQL, Spark and Airflow, and mentor engineers. ") * 12

    def ad_id(n):
        return f"{n:012x}"

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

    PAGES = {f"/view-job/ad-{ad_id(n)}": n for n in range(N)}

    def sitemap(host):
        urls = "".join(f"<url><loc>http://{host}{p}</loc><lastmod>2026-10-16</lastmod></url>"
                       for p in PAGES)
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset '
                'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + "</urlset>"
                ).encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            host = self.headers.get("Host", "")
            if self.path == "/robots.txt":
                body, kind = b"User-agent: *\\nAllow: /\\n", "text/plain"
            elif self.path == "/sitemap.xml":
                body, kind = sitemap(host), "application/xml"
            elif self.path in PAGES:
                body, kind = page(PAGES[self.path]), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
""")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the test server did not start on 127.0.0.1:{port}")


def our_crawl(port: int, ads: int, workdir: Path) -> tuple[int, float, dict]:
    """Run the crawl through the CLI; return (responses, seconds, stats)."""
    db = workdir / "bench.db"
    cmd = [
        sys.executable,
        "-m",
        "cli",
        "--db",
        str(db),
        "--log-level",
        "WARNING",
        "crawl",
        "machinelearningjobs",
        "-a",
        f"sitemap_urls=http://127.0.0.1:{port}/sitemap.xml",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "CONCURRENT_REQUESTS=16",
        "-s",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s",
        "DOWNLOAD_SLOTS={}",
    ]
    subprocess.run(cmd, cwd=ROOT, check=True, timeout=1800)
    with sqlite3.connect(db) as conn:
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs").fetchone()[0])
        stored = conn.execute("SELECT count(*) FROM ads").fetchone()[0]
    if stored != ads:
        raise RuntimeError(f"expected {ads} ads stored, found {stored}")
    return int(stats["downloader/response_count"]), float(stats["elapsed_time_seconds"]), stats


def scrapy_bench(seconds: int, workdir: Path) -> tuple[int, float]:
    """``scrapy bench`` outside the project (Scrapy's defaults); return (responses, seconds)."""
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "bench",
            "-s",
            f"CLOSESPIDER_TIMEOUT={seconds}",
            "-s",
            "LOGSTATS_INTERVAL=60",
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    log = result.stderr
    responses = re.search(r"'downloader/response_count': (\d+)", log)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", log)
    if not responses or not elapsed:
        raise RuntimeError("could not read scrapy bench's stats:\n" + log[-2000:])
    return int(responses.group(1)), float(elapsed.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ads", type=int, default=2000)
    parser.add_argument("--bench-seconds", type=int, default=10)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(args.ads)])
        try:
            wait_for(port)
            responses, seconds, stats = our_crawl(port, args.ads, workdir)
        finally:
            server.terminate()
            server.wait(timeout=10)
        bench_responses, bench_seconds = scrapy_bench(args.bench_seconds, workdir)
    ours = responses / seconds
    theirs = bench_responses / bench_seconds
    print(
        f"mljobs crawl, full pipeline: {responses} pages ({stats['mljobs/items']} ads stored) "
        f"in {seconds:.1f} s = {ours:.1f} pages/s"
    )
    print(
        f"scrapy bench:                {bench_responses} pages in {bench_seconds:.1f} s "
        f"= {theirs:.1f} pages/s"
    )
    print(f"ratio: {ours / theirs:.2f} (target >= 0.5)")


if __name__ == "__main__":
    main()
