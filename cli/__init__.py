"""The ``mljobs`` command line: a thin click layer over ``crawler``, ``db`` and ``report``.

One module per command group (:mod:`cli.crawl`, :mod:`cli.imports`, :mod:`cli.renormalize`,
:mod:`cli.benchmarks`, :mod:`cli.report`, :mod:`cli.run`), the options and helpers they share
in :mod:`cli.common`, the ``mljobs`` group in :mod:`cli.main`. Nothing outside this package
imports it.
"""
