# Keuzewijzer developer commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test test-tools lint format messages demo migrate check install clean-db serve-prod cluster cluster-stop test-cluster bench screenshots

# The venv is (re)built whenever pyproject.toml changes; re-running is cheap.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

# DUO's open data, shipped in the repository (data/README.md).
OPENDATA_DIR ?= data

# The real DUO catalogue (idempotent, ~10 s), then the demo survey and career
# figures, attached to the real Leiden programme.
demo: migrate
	OPENDATA_DIR="$(OPENDATA_DIR)" $(PY) manage.py import_opendata
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
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the catalogues after changing interface text, then translate the
# new entries in locale/*/LC_MESSAGES/django.po and compile.
messages: install
	$(PY) manage.py makemessages --locale nl --locale en --no-location --ignore "$(VENV)/*" --ignore "node_modules/*"
	$(PY) manage.py compilemessages --ignore "$(VENV)/*" --ignore "node_modules/*"

# Production settings on this machine: gunicorn against the local PostgreSQL and
# Redis, behind no TLS proxy (hence no SSL redirect). docs/DEPLOY.md explains each
# variable; set SECRET_KEY yourself to keep sessions across restarts.
PROD_PORT ?= 8100
PROD_WORKERS ?= 3
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/keuzewijzer
PROD_REDIS_URL ?= redis://127.0.0.1:6379/0
PROD_ENV = DJANGO_SETTINGS_MODULE=portal.settings.prod \
	SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	DATABASE_URL="$(PROD_DATABASE_URL)" REDIS_URL="$(PROD_REDIS_URL)" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-localhost,127.0.0.1}" SECURE_SSL_REDIRECT=0

serve-prod: install
	createdb -h 127.0.0.1 -U postgres $(notdir $(PROD_DATABASE_URL)) 2>/dev/null || true
	$(PROD_ENV) $(PY) manage.py migrate --noinput
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD_ENV) $(VENV)/bin/gunicorn portal.wsgi:application \
		--bind $(HOST):$(PROD_PORT) --workers $(PROD_WORKERS) \
		--access-logfile - --error-logfile -

# Two app servers, a streaming replica, PgBouncer and an S3 store on this machine
# (deploy/cluster.sh, docs/DEPLOY.md); cluster-stop ends exactly what it started.
cluster: install
	deploy/cluster.sh start

cluster-stop:
	deploy/cluster.sh stop

# The journey across the running cluster (tests/cluster; `make test` leaves it out).
test-cluster: install
	$(PY) -m pytest -m cluster tests/cluster -p no:cacheprovider $(PYTEST_ARGS)

# Page benchmark at 4k (real catalogue), 40k and 200k programmes on SQLite and
# PostgreSQL, plus the gunicorn throughput ceiling; tables and plots in docs/perf/.
# Needs generate_synthetic for the larger scales and wrk (apt-get install wrk).
BENCH_ARGS ?= --throughput
bench: install
	OPENDATA_DIR="$(abspath $(OPENDATA_DIR))" $(PY) bench/run_scale.py $(BENCH_ARGS)

# Screenshots of every page type at 390 and 1366 px (docs/screenshots/), taken
# from a portal serving the demo catalogue (`make run` in another terminal).
SCREENSHOT_URL ?= http://$(HOST):$(PORT)
screenshots: install test-tools
	$(PY) docs/screenshots/take.py $(SCREENSHOT_URL)

clean-db:
	rm -f db.sqlite3
