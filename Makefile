# Quick start: `make run` (set up, then run Clearpost) and `make test` (set up, then the whole suite).
# Everything installs from the project's own files into .venv; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= $(abspath ../shared)

.PHONY: run test lint bench eval install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/clearpost demo

lint: $(STAMP)
	$(BIN)/ruff check backend tests
	$(BIN)/mypy backend

test: lint
	CLEARPOST_SHARED=$(SHARED) $(BIN)/pytest

bench: $(STAMP)
	$(BIN)/clearpost bench

# Scores the engine on the labelled development set with the shared scorer.
eval: $(STAMP)
	$(BIN)/python -c "import json,sys; [print(json.dumps({k: c[k] for k in ('id','text','org','account','platform')})) for c in map(json.loads, open('$(SHARED)/eval/dev.jsonl'))]" \
	  | $(BIN)/clearpost check --jsonl > $(VENV)/dev-results.jsonl
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev.jsonl $(VENV)/dev-results.jsonl

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
