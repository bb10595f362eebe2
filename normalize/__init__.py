"""Pure normalizers: raw job-ad text in, typed fields out. No Scrapy or database imports."""

from __future__ import annotations

import hashlib
from pathlib import Path

_ROOT = Path(__file__).resolve().parent
#: Modules here that derive no field (scoring against labels), left out of the version.
_NOT_NORMALIZERS = ("evaluation.py",)


def _code_and_data_digest() -> str:
    """First 10 hex digits of the SHA-1 of every normalizer module and data file (names and
    bytes, in name order): any change to a rule or a word list changes it."""
    digest = hashlib.sha1()
    files = [p for p in _ROOT.glob("*.py") if p.name not in _NOT_NORMALIZERS]
    files += [p for p in (_ROOT / "data").glob("*") if p.is_file()]
    for path in sorted(files, key=lambda p: (p.parent.name, p.name)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


#: Stored with every ad (``ads.normalizer_version``) and in the report's provenance: the
#: release, then a digest of the normalizers' code and data, so two rows normalized by
#: different rules never share a version. ``mljobs renormalize`` brings every ad to this one.
NORMALIZER_VERSION = f"1+{_code_and_data_digest()}"
