# `make demo`: set up, run the nightly job offline, write the report. `make test`: set up and run the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Debian packages the report and its browser tests need: a CJK font for Chinese names in the charts,
# and headless Chromium to open the pages in the tests.
DEBIAN_PACKAGES := fonts-wqy-zenhei chromium

.PHONY: demo test setup system-packages report browse bench eval clean

$(BIN)/procwatch: pyproject.toml requirements-nlp.txt Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-nlp.txt
	touch $(BIN)/procwatch

setup: $(BIN)/procwatch system-packages

# Installed with apt-get only when missing (needs root or sudo); without them the report still renders,
# with Latin text only in the charts, and the browser tests are skipped.
system-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null 2>&1; then \
	    if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else SUDO=none; fi; \
	    if [ "$$SUDO" != none ]; then echo "installing$$missing"; $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	    else echo "not installing$$missing: needs root"; fi; \
	fi

demo: setup
	$(BIN)/procwatch run --offline
	@echo "report: extracts/report.html   browse: make browse"

report: setup
	$(BIN)/procwatch report --out extracts

browse: setup
	$(BIN)/procwatch browse

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/procwatch bench

eval: setup
	$(BIN)/procwatch eval ../shared/corpus/MANIFEST.tsv

clean:
	rm -rf procwatch.duckdb procwatch.duckdb.staging procwatch-raw extracts .extracts.nights
