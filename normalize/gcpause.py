"""Python's cyclic garbage collector paused while many long-lived objects are built.

Each full collection walks every tracked object; while an index or a set of postings of
hundreds of thousands of tuples is built (none of it garbage, no cycles), the collections their
allocation triggers cost more than the building. Used by the gazetteer load
(:mod:`normalize.location_index`) and dedup's bulk passes (:mod:`dedup.store`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block, and on again after if it was on before
    (a caller that had disabled it keeps it disabled). Raises nothing of its own."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
