"""One raw-field list: ``crawler.items.RAW_FIELDS``, the item's fields and the raw columns of
``db.schema`` name the same fields, in the same order where there is one."""

from __future__ import annotations

from crawler.items import RAW_FIELDS, JobAdItem
from db.schema import ADS_COLUMNS, RAW_COLUMNS


def test_item_fields_are_the_raw_fields():
    assert sorted(JobAdItem.fields) == sorted(RAW_FIELDS)
    assert len(set(RAW_FIELDS)) == len(RAW_FIELDS)


def test_schema_raw_columns_are_the_raw_fields_in_order():
    assert RAW_COLUMNS == RAW_FIELDS
    columns = list(ADS_COLUMNS)
    assert columns[columns.index("source") : columns.index("source") + len(RAW_FIELDS)] == list(
        RAW_FIELDS
    )
    assert all(ADS_COLUMNS[field] is str for field in RAW_FIELDS)
