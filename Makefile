# `make demo`: set up and run the nightly job offline. `make test`: set up and run the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup bench eval clean

$(BIN)/procwatch: pyproject.toml requirements-nlp.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-nlp.txt
	touch $(BIN)/procwatch

setup: $(BIN)/procwatch

demo: setup
	$(BIN)/procwatch run --offline

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/procwatch bench

eval: setup
	$(BIN)/procwatch eval ../shared/corpus/MANIFEST.tsv

clean:
	rm -rf procwatch.duckdb procwatch.duckdb.staging procwatch-raw extracts
