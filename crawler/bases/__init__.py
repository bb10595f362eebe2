"""Base spiders, one per kind of source; concrete spiders in ``spiders/`` configure them."""
