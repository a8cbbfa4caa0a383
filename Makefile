# biaskit: `make lab` and `make test` work on a fresh clone with only python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# make report on your data: CORPUS=path and the names of your columns (all optional but CORPUS)
CORPUS ?=
TEXT ?=
OUTLET ?=
DATE ?=
ID ?=
TITLE ?=
STORY ?=
BY ?=
REPORT_DIR ?= $(if $(CORPUS),build/report,build)

.PHONY: setup test lint unit docs nbval lab classroom lesson report notebooks test-ui lexicon-table bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("biaskit needs Python 3.11+, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --python $(BIN)/python --quiet -e ".[notebooks,dev,dask,ui,research,classroom]" \
	  || $(BIN)/python -m pip install --quiet -e ".[notebooks,dev,dask,ui,research,classroom]"
	touch $(STAMP)

lint: setup
	$(BIN)/ruff check src tests tests_ui benchmarks scripts

unit: setup
	$(BIN)/pytest -q tests

docs: setup
	$(BIN)/python scripts/build_docs.py build/docs

nbval: setup
	@if ls notebooks/*.ipynb >/dev/null 2>&1; then \
	  TQDM_DISABLE=1 $(BIN)/pytest -q --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider notebooks; \
	else echo "no notebooks yet"; fi

# docs before nbval: a docstring pdoc cannot render fails CI early
test: lint unit docs nbval

test-ui: setup
	bash scripts/ui_setup.sh
	$(BIN)/pytest -q tests_ui -p no:cacheprovider

# JupyterLab refuses to start as root unless told; containers and CI machines often run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG)

# The classroom lesson as a no-code app: Voila runs notebook 05 with its code hidden. Voila
# runs as root without a flag (it has no --allow-root and refuses one).
classroom: setup
	cd notebooks && ../$(BIN)/voila 05_classroom_lesson.ipynb --no-browser

# The lesson as a static site in build/lesson/ (open build/lesson/index.html; PDF=1 for PDFs).
lesson: setup
	$(BIN)/biaskit lesson build build/lesson $(if $(PDF),--pdf)

notebooks: setup
	$(BIN)/python scripts/run_notebooks.py --inplace

report: setup
	$(BIN)/python scripts/run_notebooks.py --report $(REPORT_DIR) $(if $(CORPUS),--corpus "$(CORPUS)") \
	  $(if $(TEXT),--text "$(TEXT)") $(if $(OUTLET),--outlet "$(OUTLET)") \
	  $(if $(DATE),--date "$(DATE)") $(if $(ID),--id "$(ID)") $(if $(TITLE),--title "$(TITLE)") \
	  $(if $(STORY),--story "$(STORY)") $(if $(BY),--by "$(BY)")

lexicon-table: setup
	$(BIN)/python -m biaskit.lexicon_table docs/lexicon.md
	$(BIN)/python scripts/side_counts.py docs/lexicon-guide.md

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf build .pytest_cache .ruff_cache
