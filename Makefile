# Quick start: `make run` (the scheduled job) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p data
	$(BIN)/mljobs run

# Debian's Chromium renders the HTML report in a headless browser test; the test skips, saying
# why, where it cannot be installed (not root, no package registry).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  >/dev/null 2>&1 || echo "chromium could not be installed: the browser test will skip"; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/salary.py
	$(BIN)/python bench/normalize.py
	$(BIN)/python bench/huge_description.py
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) build *.egg-info
