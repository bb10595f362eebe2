"""normalize.companies: the one employer key of the project (dedup and the AI-lab list)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from normalize.companies import company_words, normalize_company

COMPANIES = [
    ("Acme Ltd", "acme"),
    ("ACME LIMITED", "acme"),
    ("Acme (UK) Ltd.", "acme"),
    ("The Acme Company", "acme"),
    ("acme", "acme"),
    ("Smith & Co", "smith"),
    ("Smith and Co Ltd", "smith"),
    ("Hays Specialist Recruitment Limited", "hays specialist recruitment"),
    ("Aberdeenshire council ", "aberdeenshire council"),
    ("Page Group", "page"),
    ("JPMorganChase", "jpmorganchase"),
    ("AtkinsRéalis", "atkinsrealis"),
    ("UK Limited", "uk"),
    ("Marks & Spencer plc", "marks and spencer"),
    ("", None),
    (None, None),
    ("  ", None),
]


@pytest.mark.parametrize("raw, expected", COMPANIES)
def test_normalize_company(raw, expected):
    assert normalize_company(raw) == expected


def test_company_words() -> None:
    assert company_words("A.I. Labs") == ["a", "i", "labs"]
    assert company_words("Weights & Biases") == ["weights", "and", "biases"]


def test_normalize_does_not_import_dedup() -> None:
    """Layering: dedup builds on normalize, never the reverse (the company key lives here)."""
    root = Path(__file__).resolve().parents[2] / "normalize"
    offenders = []
    for path in sorted(root.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "dedup"]
    assert offenders == []
