# biaskit: `make lab` and `make test` work on a fresh clone with only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?=

.PHONY: setup test lint unit nbval lab report notebooks test-ui lexicon-table bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("biaskit needs Python 3.11+, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --python $(BIN)/python --quiet -e ".[notebooks,dev,dask,ui]" \
	  || $(BIN)/python -m pip install --quiet -e ".[notebooks,dev,dask,ui]"
	touch $(STAMP)

lint: setup
	$(BIN)/ruff check src tests tests_ui benchmarks scripts

unit: setup
	$(BIN)/pytest -q tests

nbval: setup
	@if ls notebooks/*.ipynb >/dev/null 2>&1; then \
	  $(BIN)/pytest -q --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider notebooks; \
	else echo "no notebooks yet"; fi

test: lint unit nbval

test-ui: setup
	bash scripts/ui_setup.sh
	$(BIN)/pytest -q tests_ui -p no:cacheprovider

# JupyterLab refuses to start as root unless told; containers and CI machines often run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG)

notebooks: setup
	$(BIN)/python scripts/run_notebooks.py --inplace

report: setup
	$(BIN)/python scripts/run_notebooks.py --report build $(if $(CORPUS),--corpus "$(CORPUS)")

lexicon-table: setup
	$(BIN)/python -m biaskit.lexicon_table docs/lexicon.md
	$(BIN)/python scripts/side_counts.py docs/lexicon-guide.md

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf build .pytest_cache .ruff_cache
