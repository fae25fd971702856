# notesite — the two commands a fresh machine needs are `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo program in data/ is dated around this day; building it "as of" this day keeps
# its stale/watch pairs, late notes and follow-ups meaningful whatever the calendar says.
DEMO_TODAY ?= 2026-11-22

.PHONY: site test validate bench lint typecheck demo golden serve clean help

help:
	@echo "make site      build the demo program into site/ (creates .venv on first use)"
	@echo "make test      run the whole test suite"
	@echo "make validate  validate the demo program"
	@echo "make bench     time validate and build on generated programs"
	@echo "make serve     serve the demo site on 127.0.0.1 and rebuild on change"
	@echo "make lint      ruff + mypy"
	@echo "make golden    regenerate tests/golden from the demo (review the diff)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/notesite build --root . --today $(DEMO_TODAY)
	@echo "Open $(CURDIR)/site/index.html in a browser (or run: make serve)."

validate: $(STAMP)
	$(BIN)/notesite validate --root . --today $(DEMO_TODAY)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

serve: $(STAMP)
	$(BIN)/notesite serve --root . --today $(DEMO_TODAY)

demo: $(STAMP)
	rm -rf .demo-tmp && $(BIN)/notesite demo .demo-tmp
	rm -rf data notesite.yaml && mv .demo-tmp/data data && mv .demo-tmp/notesite.yaml notesite.yaml && rm -rf .demo-tmp

golden: $(STAMP)
	rm -rf .golden-site && $(BIN)/notesite build --root . --today $(DEMO_TODAY) --out .golden-site
	cp .golden-site/api/*.json tests/golden/demo-api/ && rm -rf .golden-site
	git diff --stat tests/golden

clean:
	rm -rf site .site-* .pytest_cache .mypy_cache .ruff_cache
