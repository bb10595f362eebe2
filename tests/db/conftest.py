"""Fixtures of the db tests: the report's hand-made fixture database (tests/report/conftest.py)
serves the views' tests too."""

from tests.report.conftest import report_db  # noqa: F401
