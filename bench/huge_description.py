"""Work bounded by size (issue 12): seconds to normalize one ad whose description is 100 KB,
1 MB and 10 MB of HTML paragraphs (``normalize_ad``, of which ``html_to_text``), median of the
repeats. The description is read up to ``normalize.text.MAX_MARKUP_CHARS`` characters, so the
10 MB ad costs about what the 100 KB one does.

Run: ``.venv/bin/python bench/huge_description.py [--repeats N]``. Prints the figures; asserts
nothing (machines here are noisy).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalize.ad import normalize_ad  # noqa: E402
from normalize.text import MAX_MARKUP_CHARS, html_to_text  # noqa: E402

PARAGRAPH = "<p>We build <b>machine learning</b> systems with Python &amp; PyTorch.</p>\n"


def seconds(function, argument, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    normalize_ad({"title": "ML Engineer"})  # load the data files before timing
    print(f"one ad, median of {args.repeats} runs (cap {MAX_MARKUP_CHARS:,} characters)")
    for size in (100_000, 1_000_000, 10_000_000):
        markup = PARAGRAPH * (size // len(PARAGRAPH))
        ad = {"title": "ML Engineer", "location_raw": "London", "description": markup}
        print(
            f"  {size / 1e6:>4} MB description: html_to_text "
            f"{seconds(html_to_text, markup, args.repeats):.2f} s, normalize_ad "
            f"{seconds(normalize_ad, ad, args.repeats):.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
