# Gongzhi — developer and operator entry points. Every target creates .venv on first use.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements/constraints.txt | sha1sum | cut -c1-12)
# the shell's catalogue plus one per domain app (gongzhi/<app>/locale), compiled together
PO := $(wildcard gongzhi/locale/zh_Hans/LC_MESSAGES/*.po gongzhi/*/locale/zh_Hans/LC_MESSAGES/*.po)
MO := $(VENV)/.messages-$(shell cat $(PO) | sha1sum | cut -c1-12)
HOUSEHOLDS ?= 3000
SEED ?= 1
PROFILE ?= national
ADDR ?= 127.0.0.1:8000
PYTEST_ARGS ?=
export GONGZHI_ENV ?= dev

.PHONY: demo test bench lint format messages run worker clean install

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[dev,pdf]'
	rm -f $(VENV)/.installed-*
	touch $@

# The dashboards' charting library (ECharts), from the npm registry at the version pinned in
# gongzhi/dashboards/package-lock.json, copied into a git-ignored static directory.
ECHARTS := gongzhi/dashboards/static/dashboards/vendor/echarts.min.js

install: $(STAMP) $(MO) $(ECHARTS)

$(ECHARTS): gongzhi/dashboards/package.json gongzhi/dashboards/package-lock.json
	cd gongzhi/dashboards && npm ci --no-audit --no-fund --ignore-scripts --silent
	mkdir -p $(@D)
	cp gongzhi/dashboards/node_modules/echarts/dist/echarts.min.js $@
	cp gongzhi/dashboards/node_modules/echarts/LICENSE $(@D)/echarts.LICENSE

# gettext catalogs are compiled at install time (the .mo files are not committed).
$(MO): $(PO) $(STAMP)
	cd gongzhi && ../$(PY) ../manage.py compilemessages --ignore=.venv -v 0
	rm -f $(VENV)/.messages-*
	touch $@

## demo: run the platform on SQLite with a generated demo city (prints the logins)
demo: install
	$(PY) manage.py migrate --noinput -v 0
	$(PY) -m gongzhi demo-city --households $(HOUSEHOLDS) --seed $(SEED) --profile $(PROFILE) --reset
	@echo "Gongzhi is at http://$(ADDR)/  (Ctrl-C stops it and its task worker)"
	$(PY) manage.py db_worker -v 0 & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(PY) manage.py runserver $(ADDR)

## test: the whole suite (SQLite by default; set DATABASE_URL for PostgreSQL)
test: install
	$(PY) -m pytest $(PYTEST_ARGS)

## bench: benchmarks under bench/, each printing ratios against an in-run baseline
bench: install
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy gongzhi
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run -v 0

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## messages: extract translatable strings into the zh_Hans catalogues (each app with a
## locale/ directory gets its own strings)
messages: install
	cd gongzhi && ../$(PY) ../manage.py makemessages -l zh_Hans --ignore=.venv --ignore='*/tests/*' --ignore=tests --no-obsolete
	cd gongzhi && ../$(PY) ../manage.py makemessages -d djangojs -l zh_Hans --ignore=.venv --no-obsolete

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py runserver $(ADDR)

worker: install
	$(PY) manage.py db_worker

clean:
	rm -rf $(VENV) var/ .pytest_cache .mypy_cache .ruff_cache gongzhi/dashboards/node_modules $(dir $(ECHARTS))

## lock: re-pin requirements/constraints.txt from the current environment
lock: $(STAMP)
	{ echo "# Pinned versions of every dependency (pip constraints). Regenerate: make lock"; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^-e'; } > requirements/constraints.txt
