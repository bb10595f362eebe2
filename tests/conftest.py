"""Shared fixtures: the real corpus beside the checkout, read in place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS = Path(os.environ.get("MLJOBS_CORPUS", DEFAULT_CORPUS)).resolve()
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real corpus folder (`../shared/corpus`); skips the test when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS} (clone with ../shared beside it)")
    return CORPUS


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
