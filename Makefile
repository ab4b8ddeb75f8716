# The two set-up commands are `make serve` and `make test`; both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: help serve build figures outputs test lint format bench lighthouse chromium node torch lock clean

help:
	@echo "make serve    install into .venv if needed, serve the site at http://127.0.0.1:8000"
	@echo "make test     install what is needed, run every check (lint, tests, build, browser)"
	@echo "make build    strict build of the site into site/"
	@echo "make figures  regenerate every figure under docs/figures/ and every generated output block"
	@echo "make bench    run the conv2d benchmarks (not part of make test)"
	@echo "make lighthouse  Lighthouse (mobile) on every page of the built site (not part of make test;"
	@echo "                 the median of LIGHTHOUSE_RUNS=3 runs per page, about 40 min here)"

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --requirement requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $@

# SITE_URL puts the site at the root of the local server (the published one lives under /convshare/).
# --dirty: an edit rebuilds only its page (about 1 s); a change under src/ rebuilds every page
# (hooks/notebook_cache.py). After changing the navigation in mkdocs.yml, restart it.
serve: $(STAMP) node
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP) node
	$(BIN)/mkdocs build --strict --site-dir site

figures: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python -m convshare.figures docs/figures
	$(BIN)/python -m tests.outputs --write

outputs: figures

# Debian's chromium for the browser tests (never `playwright install`), and a CJK font so that
# the screenshots of the Chinese edition show its characters (the site itself loads no font).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@fc-list :lang=zh family 2>/dev/null | grep -q . || { \
	  echo "installing a CJK font (fonts-wqy-microhei) for the screenshots of the Chinese edition"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null; }

# Node.js: the build typesets the formulas with the vendored KaTeX (hooks/render_math.py).
node:
	@command -v node >/dev/null 2>&1 || { \
	  echo "installing Debian's nodejs: the build typesets the formulas with KaTeX"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

# PyTorch is an optional test oracle: installed when its CPU wheel lies on this machine's disk
# (so nothing is downloaded), otherwise the torch tests skip and say why.
torch: $(STAMP)
	@if $(BIN)/python -c "import torch" 2>/dev/null; then :; \
	elif $(BIN)/python -m pip install --quiet --no-index --no-deps torch==2.13.0 2>/dev/null; then \
	  $(BIN)/python -m pip install --quiet --requirement requirements-torch.txt; \
	else echo "torch==2.13.0 is not on this machine's disk: the PyTorch oracle tests will be skipped"; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/actionlint

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# axe-core for the accessibility test (tests/test_accessibility.py), pinned in tests/axe/.
AXE := tests/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/axe/package.json tests/axe/package-lock.json | node
	npm ci --prefix tests/axe --no-audit --no-fund --loglevel=error
	touch $@

# On every core (pytest-xdist); a test that takes long is started early, the rest fill in. What
# is costly to make (the site, the wheel, ...) is made once per run (tests/conftest.py).
test: $(STAMP) chromium node $(AXE) torch lint
	$(BIN)/python -m pytest --numprocesses=auto --dist=worksteal

bench: $(STAMP) torch
	$(BIN)/python benchmarks/bench_conv2d.py

# Lighthouse 12.2.3 (pinned with its dependencies in benchmarks/lighthouse/) with Debian's
# chromium, default mobile settings, every page of the site served with gzip; writes the summary
# that docs/how-this-site-is-tested.md shows (src/convshare/data/lighthouse.json). One run of a
# page can differ from the next by 0.2 in performance: each row is the median of LIGHTHOUSE_RUNS.
LIGHTHOUSE_RUNS ?= 3
LIGHTHOUSE := benchmarks/lighthouse/node_modules/lighthouse/package.json
$(LIGHTHOUSE): benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json | node
	npm ci --prefix benchmarks/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

lighthouse: $(STAMP) chromium node $(LIGHTHOUSE)
	$(BIN)/python benchmarks/lighthouse.py --out src/convshare/data/lighthouse.json --runs $(LIGHTHOUSE_RUNS)

# Re-pin every package from requirements.in in a throw-away venv.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --requirement requirements.in
	{ echo "# Exact pins for every package (generated by 'make lock' from requirements.in)."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude-editable | grep -v '^pip=='; } > requirements.txt
	rm -rf .lock-venv

clean:
	rm -rf site .pytest_cache .hypothesis .ruff_cache test-artifacts .cache/notebooks
