# Rixin: the two commands are `make demo` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export RIXIN_VAR_DIR ?= $(CURDIR)/var
# Test processes: one per core by default (the suite's databases are per process).
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup demo serve test test-sqlite test-postgres lint format vendor bench messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed
	@bash scripts/system-deps.sh
	@$(MAKE) --no-print-directory messages
	@mkdir -p $(RIXIN_VAR_DIR)

messages: $(VENV)/.installed
	@$(PY) manage.py compilemessages --ignore=.venv -v 0

demo: setup
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	@$(PY) manage.py demo_logins
	@# The one worker (notices and background jobs) runs beside the server and stops with it.
	$(PY) manage.py work --loop --sleep 5 & worker=$$!; \
	trap "kill $$worker" EXIT; \
	$(PY) manage.py runserver $(HOST):$(PORT) --noreload

# Lint first: a style error fails the run before the tests start (CI runs `make test`).
test: setup lint test-sqlite test-postgres

test-sqlite:
	$(PY) -m pytest -n $(TEST_WORKERS)

test-postgres:
	bash scripts/with-postgres.sh $(PY) -m pytest -n $(TEST_WORKERS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

vendor:
	bash scripts/vendor.sh

bench: setup
	bash scripts/bench.sh

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache .ruff_cache
