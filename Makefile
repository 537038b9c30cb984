# Keuzewijzer developer commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test test-tools lint format messages demo migrate check install clean-db

# The venv is (re)built whenever pyproject.toml changes; re-running is cheap.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

OPENDATA_DIR ?= ../shared/data

# The real DUO catalogue when it is beside the repo (idempotent, ~10 s), then the
# demo survey and career figures, attached to the real Leiden programme.
demo: migrate
	@if [ -d "$(OPENDATA_DIR)" ]; then \
		OPENDATA_DIR="$(OPENDATA_DIR)" $(PY) manage.py import_opendata; \
	else \
		echo "No DUO open data in $(OPENDATA_DIR): loading the demo data only."; \
	fi
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# Browser, accessibility and HTML checks need chromium, Java and two npm packages.
test-tools:
	.ci/install-test-tools

test: install test-tools
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the catalogues after changing interface text, then translate the
# new entries in locale/*/LC_MESSAGES/django.po and compile.
messages: install
	$(PY) manage.py makemessages --locale nl --locale en --no-location --ignore "$(VENV)/*"
	$(PY) manage.py compilemessages --ignore "$(VENV)/*"

clean-db:
	rm -f db.sqlite3
