# Two entry points, each creating the local virtualenv (.venv) on first use.
#   make run   - install plancompare and show the theme x council matrix of the bundled plans
#   make test  - install plancompare with its test tools and run the whole test suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test clean

$(BIN)/plancompare: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/plancompare
	$(BIN)/plancompare themes

test: $(BIN)/plancompare
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
