# The two commands a fresh machine needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: demo test lint typecheck unit templates golden clean bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

demo: $(STAMP)
	$(BIN)/cba-xl demo out --force

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check cba_xl tests benchmarks scripts
	$(BIN)/ruff format --check cba_xl tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

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
