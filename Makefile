# Two entry points, each creating the local virtualenv (.venv) on first use.
#   make run   - install plancompare and show the theme x council matrix of the bundled plans
#   make test  - install plancompare with its test tools and run the whole test suite
#   make docs  - regenerate the sample reports in docs/ and the examples in README.md
#   make bench - measure speed and memory against the targets (docs/benchmarks.md)
#   make schema - regenerate data/plan.schema.json from the plan format's rules

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# The sample report's "generated on" date, fixed so that regenerating it changes nothing else.
SAMPLE_DATE_EPOCH := 1795392000

.PHONY: run test docs bench schema clean

$(BIN)/plancompare: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/plancompare
	$(BIN)/plancompare themes

test: $(BIN)/plancompare
	$(BIN)/python -m pytest

docs: $(BIN)/plancompare
	SOURCE_DATE_EPOCH=$(SAMPLE_DATE_EPOCH) $(BIN)/plancompare report -o docs/sample-report.md
	SOURCE_DATE_EPOCH=$(SAMPLE_DATE_EPOCH) $(BIN)/plancompare report -o docs/sample-report.html
	$(BIN)/python scripts/readme_examples.py

bench: $(BIN)/plancompare
	$(BIN)/python scripts/bench.py

schema: $(BIN)/plancompare
	$(BIN)/python -m plancompare.plans.schema data/plan.schema.json

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
