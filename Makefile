# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format install install-test demo serve collectstatic clean

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

# ruff and djhtml, as CI runs them; `make format` applies their fixes.
lint: install-test
	VENV=$(VENV) .ci/lint

format: install-test
	VENV=$(VENV) .ci/lint --fix

clean:
	rm -rf $(VENV) db.sqlite3 media private-media
