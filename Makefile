# The portal's two commands: `make run` and `make test`. Everything else here
# is what they need: a virtual environment, npm packages, the search engine's
# jars, each made once and reused (stamps under var/.stamps).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VAR := var
STAMPS := $(VAR)/.stamps
DJANGO := $(BIN)/python manage.py

export PORTAL_DATA_DIR ?= $(CURDIR)/$(VAR)

.PHONY: run test setup python-deps frontend-deps frontend-build engine \
	lint test-python test-frontend test-inner migrate demo-data clean help

help:
	@echo "make run   - run the portal (SQLite, embedded broker, local OpenSearch, worker, Django, SvelteKit)"
	@echo "make test  - the whole suite on real PostgreSQL, Redis, OpenSearch and a Celery worker"

# --- set-up ----------------------------------------------------------------

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMPS)/python: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@mkdir -p $(STAMPS) && touch $@

python-deps: $(STAMPS)/python

$(STAMPS)/npm: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

frontend-deps: $(STAMPS)/npm

FRONTEND_SOURCES := $(shell find frontend/src frontend/static -type f 2>/dev/null) \
	frontend/svelte.config.js frontend/vite.config.ts frontend/package.json

frontend/build/index.js: $(STAMPS)/npm $(FRONTEND_SOURCES)
	cd frontend && npm run --silent build

frontend-build: frontend/build/index.js

engine:
	search/engine/run-engine fetch

setup: python-deps frontend-build engine

# --- run ---------------------------------------------------------------------

migrate: python-deps
	@$(DJANGO) migrate --noinput -v 0

demo-data: migrate
	@$(DJANGO) setup_demo

run: setup demo-data
	@$(BIN)/python -m portal.run

# --- test --------------------------------------------------------------------

lint: python-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-frontend: frontend-deps
	cd frontend && npm run --silent check && npm run --silent lint && npm test --silent

# Runs inside tests/services.py, which provides PostgreSQL, Redis, OpenSearch.
test-python:
	DJANGO_SETTINGS_MODULE=portal.settings.test $(DJANGO) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(DJANGO) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

test: setup lint test-frontend
	$(BIN)/python -m tests.services -- $(MAKE) --no-print-directory test-python

# Translations (locale/): extract new strings (needs gettext's xgettext, e.g.
# `apt-get install -y gettext`; English-source strings go on to locale/vi,
# see scripts/messages.py), then translate them in the .po and compile
# with polib (no gettext needed; the .mo files are committed).
.PHONY: messages compile-messages
messages: python-deps
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/python manage.py makemessages -l en \
		--no-obsolete --ignore=.venv --ignore=frontend --ignore=var --ignore=tests --ignore=scripts
	$(BIN)/python scripts/messages.py sync
compile-messages: python-deps
	$(BIN)/python scripts/messages.py compile

clean:
	rm -rf $(VENV) frontend/node_modules frontend/build frontend/.svelte-kit $(STAMPS)

# --- benchmarks ----------------------------------------------------------------

# Schemathesis against the API behind gunicorn on PostgreSQL: cases, 5xx (must
# be 0) and schema-conformance failures; FUZZ_ARGS="--max-examples 400".
.PHONY: fuzz-api
fuzz-api: python-deps
	$(BIN)/python -m tests.services --services postgres,redis -- \
		$(BIN)/python scripts/fuzz_api.py $(FUZZ_ARGS)

# Feedback intake under load, with Redis stopped and a worker killed mid-run;
# BENCH_ARGS="--scenario faults --count 400 --outage 15": the faults beside a
# normal run, figures side by side.
.PHONY: bench-feedback
bench-feedback: python-deps
	$(BIN)/python scripts/bench_feedback.py $(BENCH_ARGS)

# --- benchmarks (printed figures, not tests) ---------------------------------

.PHONY: bench-import bench-api

# The full national export into an empty, throwaway PostgreSQL database.
bench-import: python-deps
	$(BIN)/python -m tests.services --services postgres,redis -- \
		$(BIN)/python scripts/bench_import.py

# Public API latency (list, detail, search, suggest, summary) against static
# JSON from the same gunicorn at concurrency 8 and 32, the SvelteKit server's
# procedure, results, field, agency and life-event pages against their HTML as
# static files of the SvelteKit server and of gunicorn, and a citizen's mix in
# requests/s beside its static copies; BENCH_ARGS="--concurrency 8 --requests 300"
# (--no-pages: the API only).
bench-api: python-deps frontend-build
	$(BIN)/python -m tests.services -- \
		$(BIN)/python scripts/bench_api.py $(BENCH_ARGS)

# The Wagtail edit page of procedure 1.001193 beside the admin dashboard and
# a static file from the same gunicorn; BENCH_ARGS="--rounds 30".
.PHONY: bench-admin
bench-admin: python-deps
	$(BIN)/python -m tests.services --services postgres,redis -- \
		$(BIN)/python scripts/bench_admin.py $(BENCH_ARGS)

# Search relevance on the judged queries: OpenSearch API vs Wagtail's database search.
.PHONY: eval-search
eval-search: setup
	$(BIN)/python -m tests.services -- $(BIN)/python scripts/eval_search.py $(EVAL_ARGS)

# Search API latency vs the same query sent straight to OpenSearch; rebuild time.
.PHONY: bench-search
bench-search: setup
	$(BIN)/python -m tests.services -- $(BIN)/python scripts/bench_search.py $(BENCH_ARGS)

# The dossier feed under load (100,000 dossiers, 500,000 events), then the
# statistics endpoint beside a plain SQL count; BENCH_ARGS="--dossiers 2000".
.PHONY: bench-dossiers
bench-dossiers: python-deps
	$(BIN)/python -m tests.services --services postgres,redis -- \
		$(BIN)/python scripts/bench_dossiers.py $(BENCH_ARGS)

# --- end-to-end and frontend performance ---------------------------------------

# Citizens' journeys in Debian's Chromium (tests/e2e driving frontend/e2e/, one
# @playwright/test spec a journey) on the real stack; also part of `make test`.
# Screenshots: var/test-artifacts/e2e/.
.PHONY: test-e2e bench-frontend
test-e2e: setup
	$(BIN)/python -m tests.services -- $(BIN)/pytest tests/e2e $(PYTEST_ARGS)

# Home, search and procedure pages in Chromium with CPU 4x and slow 4G (CDP):
# FCP, LCP, JS and total bytes, beside the API's JSON; budgets printed.
bench-frontend: setup
	$(BIN)/python -m tests.services -- $(BIN)/python scripts/bench_frontend.py $(BENCH_ARGS)

# --- scale-out rehearsal ---------------------------------------------------------

# Two web processes and two Celery workers (own folders each) on one PostgreSQL,
# one Redis and a 3-node OpenSearch cluster (one replica): a citizen's mix
# through both webs beside web-a alone, then checks across the pieces (a
# petition taken in once, shared cache and rate limits, a node killed);
# README "Production". BENCH_ARGS="--requests 600 --rounds 2 --concurrency 16".
.PHONY: rehearse-scale bench-scale
rehearse-scale: python-deps engine
	$(BIN)/python scripts/rehearse_scale.py $(BENCH_ARGS)
bench-scale: rehearse-scale
