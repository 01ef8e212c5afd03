# Two commands on a fresh machine with only Python 3.11+: `make run` and `make test`.
# Each creates the local virtualenv (.venv) from scratch when needed, then runs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench validate clean

run: $(VENV)/.run-deps
	$(BIN)/sbbot run

test: $(VENV)/.test-deps
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/sbbot validate knowledge
	$(BIN)/python -m pytest

bench: $(VENV)/.bench-deps
	$(BIN)/sbbot bench

validate: $(VENV)/.run-deps
	$(BIN)/sbbot validate knowledge

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sbbot needs Python 3.11 or newer (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[matrix]'
	@touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[matrix,test]'
	@touch $@

$(VENV)/.bench-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[matrix,bench]'
	@touch $@

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
