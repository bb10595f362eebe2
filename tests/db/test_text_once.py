"""``ads.description_text`` stored once (migration 008): a generated column that folds the
description unless the text is stored; it must read back exactly what the writer gave."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from db.schema import (
    DESCRIPTION_TEXT_SQL,
    TEXT_STORED,
    ensure_schema,
    fold_sql,
    fold_text,
    insertable_row,
    read_text,
    stored_text,
)
from db.store import renormalize, upsert_ads
from normalize.text import html_to_text
from tests.db.test_fts import assert_fts_matches_table

#: Whitespace of every kind, control characters and words.
ANY_TEXT = st.text(
    alphabet=st.sampled_from(list(" \t\n\r\f\v\xa0\u2003\u3000\x01\x02\x1fab.é")), max_size=40
)
#: Plain text as sources give it: words, punctuation and whitespace, no entities or markup.
PLAIN_TEXT = st.text(alphabet=st.sampled_from(list("     \n\n\n\tab.,é£")), max_size=60)

_MEMORY = sqlite3.connect(":memory:")


@settings(max_examples=600, deadline=None)
@given(st.one_of(ANY_TEXT, PLAIN_TEXT))
def test_fold_sql_is_fold_text(text):
    assert _MEMORY.execute(f"SELECT {fold_sql('?')}", [text]).fetchone()[0] == fold_text(text)


FOLDED = [
    # plain text whose normalized text the fold gives: the text is not stored
    "Senior  ML Engineer.  Python,   SQL",
    "  Senior ML Engineer \n \n\n\n Python \n\nLondon  ",
    "Line one\n\n\n\nLine two",
    "Line one\n\n\nLine two",
]
NOT_FOLDED = [
    # the fold is short: these texts are stored beside their description
    "Senior\tML Engineer",
    "Senior\u00a0ML Engineer",
    "Senior     ML Engineer",  # a run of five spaces
    "Line one\n\n\n\n\nLine two",  # five line breaks
    "a\r\nb",
    "Fish &amp; chips",
]


@pytest.mark.parametrize("text", FOLDED)
def test_fold_gives_the_normalized_text(text):
    assert fold_text(text) == html_to_text(text)
    assert stored_text(html_to_text(text), text) is None


@pytest.mark.parametrize("text", NOT_FOLDED)
def test_other_texts_are_stored(text):
    assert fold_text(text) != html_to_text(text)
    assert stored_text(html_to_text(text), text) == html_to_text(text)


def test_the_adzuna_dev_set_is_folded_whole(corpus):
    import csv

    path = corpus / "adzuna-2013" / "adzuna_2013_dev.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        descriptions = [row["FullDescription"] for row in csv.DictReader(handle)]
    assert len(descriptions) == 1242
    assert sum(fold_text(d) == html_to_text(d) for d in descriptions) == 1242


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), ANY_TEXT), st.one_of(st.none(), ANY_TEXT))
def test_the_column_reads_back_any_text(text, description):
    stored = stored_text(text, description)
    assert read_text(stored, description) == text
    sql = f"SELECT {DESCRIPTION_TEXT_SQL} FROM (SELECT ? AS {TEXT_STORED}, ? AS description)"
    assert _MEMORY.execute(sql, [stored, description]).fetchone()[0] == text


@pytest.fixture
def db(tmp_path) -> sqlite_utils.Database:
    database = sqlite_utils.Database(tmp_path / "text.db")
    ensure_schema(database)
    yield database
    database.close()


CASES = [
    # (description, text, stored)
    ("Build  models.  Python", "Build models. Python", None),  # plain text: folded
    ("Build models", "Build models", None),
    ("<p>Build <b>models</b></p>", "Build models", "Build models"),  # HTML: stored
    ("Fish &amp; chips", "Fish & chips", "Fish & chips"),  # an entity: stored
    ("Build models", None, b""),  # no text beside a description
    (None, None, None),
    (None, "Only a text", "Only a text"),
    ("x\x00y", "x\x00y", "x\x00y"),  # NUL: never folded
]


def test_every_write_path_reads_back_the_text(db):
    ads = [
        {"source": "t", "source_id": str(i), "title": "ML Engineer", "description": d,
         "description_text": t}
        for i, (d, t, _) in enumerate(CASES)
    ]  # fmt: skip
    upsert_ads(db, ads)
    rows = db.execute(f"SELECT description_text, {TEXT_STORED} FROM ads ORDER BY rowid").fetchall()
    assert rows == [(t, s) for _, t, s in CASES]
    assert_fts_matches_table(db)
    # sqlite-utils' own insert (a writer outside the store) through insertable_row
    db["ads"].insert(insertable_row({**ads[0], "id": "t:x", "description_text": "Other"}))
    assert db.execute("SELECT description_text FROM ads WHERE id = 't:x'").fetchone() == ("Other",)
    # renormalize writes the stored column the same way
    assert renormalize(db, lambda raw: {"description_text": html_to_text(raw["description"])})
    texts = [r[0] for r in db.execute("SELECT description_text FROM ads ORDER BY rowid")]
    assert texts == [html_to_text(d) for d, _, _ in CASES] + ["Build models. Python"]
    stored = [r[0] for r in db.execute(f"SELECT {TEXT_STORED} FROM ads ORDER BY rowid")]
    assert stored[:2] == [None, None] and stored[2] == "Build models"
    assert_fts_matches_table(db)


def test_sqlite_utils_and_datasette_see_the_column(db):
    upsert_ads(db, [{"source": "t", "source_id": "1", "title": "ML Engineer",
                     "description": "Build  models with  PyTorch", "description_text":
                     "Build models with PyTorch"}])  # fmt: skip
    found = list(db["ads"].search("pytorch"))
    assert [(r["id"], r["description_text"]) for r in found] == [
        ("t:1", "Build models with PyTorch")
    ]
    assert db["ads"].detect_fts() == "ads_fts"
