"""Company-name normalization: one key per employer, whatever the board's spelling.

"Acme Ltd", "ACME LIMITED", "Acme (UK) Ltd.", "The Acme Company" and "acme" share the key
``"acme"``; "Smith & Co" and "Smith and Co Ltd" share ``"smith"``. The suffix words are data
(``normalize/data/company_suffixes.csv``): legal forms (Ltd, Limited, plc, LLP, Inc, GmbH,
...), country words (UK, United Kingdom) and "& Co". Punctuation and case never matter.

One key for the whole project: :mod:`dedup` compares employers with it and
:mod:`normalize.roles` looks an employer up in ``[context] ai_employers`` with it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from normalize.datafiles import read_csv

_ROWS = read_csv("company_suffixes.csv")
_SUFFIXES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (tuple(r["word"].split()) for r in _ROWS if r["kind"] == "suffix"),
        key=len,
        reverse=True,
    )
)
_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(r["word"].split()) for r in _ROWS if r["kind"] == "prefix"
)
_PUNCT = re.compile(r"[^\w\s]")


def company_words(name: str) -> list[str]:
    """Lower-cased ASCII words of a company name; "&" and "+" become "and", other punctuation
    a space ("A.I. Labs" -> ``["a", "i", "labs"]``)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("&", " and ").replace("+", " and ")
    return _PUNCT.sub(" ", text).split()


@lru_cache(maxsize=200_000)
def normalize_company(name: str | None) -> str | None:
    """The employer key of a company name, or ``None`` when no name is given.

    Suffix words of ``company_suffixes.csv`` are removed from the end repeatedly and prefix
    words from the start, but never the last remaining word ("UK Limited" stays ``"uk"``).
    Words are joined by one space. Example: ``"Hays Specialist Recruitment (UK) Ltd."`` ->
    ``"hays specialist recruitment"``.
    """
    if not name or not name.strip():
        return None
    words = company_words(name)
    if not words:
        return None
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            n = len(suffix)
            if len(words) > n and tuple(words[-n:]) == suffix:
                words = words[:-n]
                changed = True
                break
        for prefix in _PREFIXES:
            n = len(prefix)
            if len(words) > n and tuple(words[:n]) == prefix:
                words = words[n:]
                changed = True
                break
    return " ".join(words)
