# The two commands a newcomer needs:  make run  (demo on http://127.0.0.1:8000)  and  make test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := static_vendor/vendor

.PHONY: run test lint assets venv demo worker beat messages bench clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

venv: $(VENV)/.installed

# Front-end libraries from npm, copied into a git-ignored static folder (with source maps,
# which whitenoise's manifest storage needs).
$(VENDOR)/.copied: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 18+ (Debian: apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/htmx $(VENDOR)/echarts
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* $(VENDOR)/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* $(VENDOR)/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts/
	touch $@

assets: $(VENDOR)/.copied

demo: venv assets
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

run: demo
	@echo "Open http://$(HOST):$(PORT)/ (Ctrl-C stops the server)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Starts a throwaway PostgreSQL and Redis (installing them from Debian's packages when
# missing and possible), runs lint and the whole suite against them, then stops them.
test: venv assets
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	scripts/with-test-services $(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

worker: venv
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: venv
	$(VENV)/bin/celery -A config beat --loglevel=INFO

messages: venv
	$(PY) manage.py makemessages --locale zh_Hans --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'tests/*' --ignore 'static_vendor/*'
	$(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*' --ignore 'node_modules/*'

bench: venv
	scripts/with-test-services $(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules static_vendor staticfiles .test-services
