# The two commands a fresh machine needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per install and pyproject.toml version: `make demo` installs only what the package
# needs to run; `make test` adds the dev extras once, which also satisfies the demo's stamp.
HASH := $(shell cat pyproject.toml | sha1sum | cut -c1-12)
RUN_STAMP := $(VENV)/.installed-run-$(HASH)
STAMP := $(VENV)/.installed-dev-$(HASH)
# setuptools announces, as a warning, that an editable install of a package with a mapped folder
# (cba_xl.templates = templates/) goes through an import hook: information, not a problem.
PIP_INSTALL := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install -q

.PHONY: demo test lint typecheck unit templates golden clean bench pyodide

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(RUN_STAMP): $(BIN)/python pyproject.toml
	$(PIP_INSTALL) -e .
	rm -f $(VENV)/.installed-run-*
	touch $@

$(STAMP): $(BIN)/python pyproject.toml
	$(PIP_INSTALL) -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(RUN_STAMP) $@

demo: $(RUN_STAMP)
	$(BIN)/cba-xl demo out --force

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check cba_xl tests benchmarks scripts
	$(BIN)/ruff format --check cba_xl tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) pyodide
	$(BIN)/pytest

# Pyodide from npm for the xlwings Lite tests (tests/test_lite_pyodide.py), installed from the
# project's own tests/pyodide/package-lock.json; without npm those tests skip and say so.
PYODIDE_DIR := tests/pyodide
pyodide:
	@if ! npm --version >/dev/null 2>&1; then \
		echo "npm not found: the Pyodide (xlwings Lite) tests will be skipped"; \
	elif [ ! -f $(PYODIDE_DIR)/node_modules/.package-lock.json ] || \
		[ $(PYODIDE_DIR)/package-lock.json -nt $(PYODIDE_DIR)/node_modules/.package-lock.json ]; then \
		cd $(PYODIDE_DIR) && npm ci --no-audit --no-fund --loglevel=error; \
	fi

# Rebuild the committed workbook and slide templates from code.
templates: $(STAMP)
	$(BIN)/cba-xl build-templates

# Regenerate golden files after an intended change (review the diff before committing).
golden: $(STAMP)
	$(BIN)/cba-xl build-templates
	CBA_XL_UPDATE_GOLDEN=1 $(BIN)/pytest tests -k golden

# Speed goals live here, not in timed tests; each script prints its figures.
bench: $(STAMP)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) out render-out .pytest_cache .mypy_cache .ruff_cache
	rm -rf tests/pyodide/node_modules tests/pyodide/wheels
