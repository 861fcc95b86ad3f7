# The compendium's entry point. `make help` lists the targets.
#
# Notebooks are found in notebooks/ (NN-verb-object.ipynb) and run in name order.
# What each one reads and writes is taken from its metadata (likertkit.inputs and
# likertkit.outputs), so Make re-runs a notebook only when one of its inputs, the
# notebook itself or the code (likertkit, loechting2020) has changed.

.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
DEFAULT_PYTHON := $(VENV)/bin/python
PYTHON ?= $(DEFAULT_PYTHON)
# With your own PYTHON (make all PYTHON=/path/to/python) nothing is installed for you.
ENVIRONMENT := $(if $(filter $(DEFAULT_PYTHON),$(PYTHON)),$(VENV)/.installed)
# The reader's edition and its browser tests need a few more packages (requirements-site.txt).
SITE_ENVIRONMENT := $(if $(ENVIRONMENT),$(VENV)/.site-installed)
# make bench's peers (polars, DuckDB, plot-likert: requirements-bench.txt), which tests/test_bench.py runs too.
BENCH_ENVIRONMENT := $(if $(ENVIRONMENT),$(VENV)/.bench-installed)
BOOTSTRAP_PYTHON ?= python3

# The package is importable from src/ whether or not it was installed.
export PYTHONPATH := $(CURDIR)/src$(if $(PYTHONPATH),:$(PYTHONPATH))
export PYDEVD_DISABLE_FILE_VALIDATION := 1

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
PACKAGE_SOURCES := $(wildcard src/likertkit/*.py src/likertkit/*/*.py src/likertkit/*/*.ipynb src/loechting2020/*.py)
RUN_NOTEBOOK := $(PYTHON) -m loechting2020.run
DEPS := build/notebooks.mk
STAMPS := build/stamps
NOTEBOOK_OUTPUTS :=
# FORCE when any of the files $(1) is absent: a deleted output makes its notebook run again.
if_absent = $(if $(filter-out $(wildcard $(1)),$(1)),FORCE)
.PHONY: FORCE
FORCE:

# Rules generated from the notebooks' declared inputs and outputs. Only the
# targets that build need them, so `make help` and a lone `make clean` stay instant.
ifneq ($(filter-out help clean all,$(or $(MAKECMDGOALS),help)),)
include $(DEPS)
endif

$(DEPS): $(NOTEBOOKS) src/loechting2020/notebooks.py src/likertkit/ipynb.py
	@mkdir -p $(@D)
	@tmp=$$(mktemp $@.XXXXXX) && PYTHONPATH=src $(BOOTSTRAP_PYTHON) -m loechting2020.notebooks deps notebooks > "$$tmp" \
	  && mv "$$tmp" $@ || { rm -f "$$tmp"; exit 1; }

.PHONY: help all notebooks test unit nbval clean env lab kernel floor floor-vs-build survey audit bench site handout

help: ## Show this list of targets
	@echo "Løchting et al. (2020) compendium. Usage: make TARGET [PYTHON=/path/to/python]"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | awk 'BEGIN {FS = ":.*## "} {printf "  %-15s %s\n", $$1, $$2}'

# Notebooks that do not read each other's outputs run at the same time, one per core (JOBS=1 runs them in
# turn). A fresh make does the work, so `make clean all` cleans first and then builds with the rules anew.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
all: | $(ENVIRONMENT) ## Execute every notebook that is out of date (all of them after `make clean`)
	@$(MAKE) --no-print-directory --jobs=$(JOBS) --output-sync=target notebooks

notebooks: $(NOTEBOOK_OUTPUTS) figures/README.md

# Which notebook, section and function made each file in figures/ (read from the notebooks and the figures).
figures/README.md: $(NOTEBOOK_OUTPUTS) src/loechting2020/notebooks.py src/likertkit/ipynb.py
	@tmp=$$(mktemp $@.XXXXXX) && PYTHONPATH=src $(BOOTSTRAP_PYTHON) -m loechting2020.notebooks figure-index . > "$$tmp" \
	  && mv "$$tmp" $@ && chmod 644 $@ || { rm -f "$$tmp"; exit 1; }

NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg
# make test never rewrites a tracked file: nbval re-executes the notebooks in a scratch copy of the project
# (raw data and notebooks only), and tests/check_rebuilt_outputs.py then compares every output they made
# with the committed one, byte for byte.
SCRATCH_ROOT := build/nbval-root
SCRATCH_COPY = rm -rf $(SCRATCH_ROOT) && mkdir -p $(SCRATCH_ROOT)/data/processed $(SCRATCH_ROOT)/figures \
	&& cp -R data/raw $(SCRATCH_ROOT)/data/ && cp -R notebooks $(SCRATCH_ROOT)/
IN_SCRATCH = LIKERTKIT_PROJECT_ROOT="$(CURDIR)/$(SCRATCH_ROOT)"

# axe-core, the accessibility checker the browser tests run in each page, comes from npm (when npm is here).
AXE_CORE_VERSION := 4.14.1
AXE := build/npm/node_modules/axe-core/axe.min.js
AXE_IF_NPM := $(if $(shell command -v npm 2>/dev/null),$(AXE))
$(AXE):
	@echo "Installing axe-core $(AXE_CORE_VERSION) from npm into build/npm (for the accessibility test)"
	@mkdir -p build/npm && cd build/npm && npm install --no-save --no-audit --no-fund --silent axe-core@$(AXE_CORE_VERSION) \
	  || echo "axe-core could not be installed (offline?): the browser tests will say they were not run"

test: | $(ENVIRONMENT) $(SITE_ENVIRONMENT) $(BENCH_ENVIRONMENT) $(AXE_IF_NPM) ## Lint (ruff), unit tests, then strict nbval on a scratch copy and a byte-for-byte check of every output (the CI command)
	$(PYTHON) -m ruff check src tests benchmarks notebooks
	@$(SCRATCH_COPY)
	$(IN_SCRATCH) $(PYTHON) -m pytest -rs --keep-duplicates $(NBVAL) tests $(SCRATCH_ROOT)/notebooks/[0-9][0-9]-*.ipynb tests/check_rebuilt_outputs.py

unit: | $(ENVIRONMENT) $(SITE_ENVIRONMENT) $(BENCH_ENVIRONMENT) ## Run the package's unit tests only (and the browser tests, when a browser is here)
	$(PYTHON) -m pytest -rs tests

nbval: | $(ENVIRONMENT) ## Re-execute the notebooks (in a scratch copy) and compare every output with the committed one
	@$(SCRATCH_COPY)
	$(IN_SCRATCH) $(PYTHON) -m pytest $(NBVAL) $(SCRATCH_ROOT)/notebooks/[0-9][0-9]-*.ipynb tests/check_rebuilt_outputs.py

# The values you give make survey reach Python byte for byte: $(value ...) stops Make from expanding them, and
# they travel in the environment; the recipe names each in double quotes ("$$LIKERTKIT_MAKE_OUT"), which bash
# replaces by the value once, never reading it as code; an empty optional value passes no option at all.
SURVEY_VARIABLES := SURVEY ITEMS SCALE OUT MISSING TITLE ORDER OVERWRITE ID ENCODING DELIMITER POSITIVE CENTER TOP_BOX GROUP PALETTE FORMATS WEIGHT MIN_GROUP \
	GROUP_LABELS QUOTES THEMES FINDINGS COMMENTS
unexport $(SURVEY_VARIABLES)
$(foreach name,$(SURVEY_VARIABLES),$(eval survey: export LIKERTKIT_MAKE_$(name) = $$(value $(name))))

survey: | $(ENVIRONMENT) ## Report on your own survey (likertkit report): SURVEY=file OUT=dir [ITEMS=...] [SCALE=...] [ID=...] [GROUP=...] [GROUP_LABELS=...] [WEIGHT=...] [QUOTES=...] [THEMES=...] [FINDINGS=...] [COMMENTS=next] [MIN_GROUP=...] [MISSING=...] [ENCODING=...] [DELIMITER=...] [POSITIVE=...] [CENTER=...] [TOP_BOX=...] [ORDER=...] [TITLE=...] [PALETTE=...] [FORMATS=svg,pdf,png] [OVERWRITE=yes] (README)
	exec $(PYTHON) -m likertkit report --follow-parent --out="$$LIKERTKIT_MAKE_OUT" \
	  $${LIKERTKIT_MAKE_ITEMS:+"--items=$$LIKERTKIT_MAKE_ITEMS"} \
	  $${LIKERTKIT_MAKE_SCALE:+"--scale=$$LIKERTKIT_MAKE_SCALE"} \
	  $${LIKERTKIT_MAKE_ID:+"--id=$$LIKERTKIT_MAKE_ID"} \
	  $${LIKERTKIT_MAKE_GROUP:+"--group=$$LIKERTKIT_MAKE_GROUP"} \
	  $${LIKERTKIT_MAKE_GROUP_LABELS:+"--group-labels=$$LIKERTKIT_MAKE_GROUP_LABELS"} \
	  $${LIKERTKIT_MAKE_WEIGHT:+"--weight=$$LIKERTKIT_MAKE_WEIGHT"} \
	  $${LIKERTKIT_MAKE_QUOTES:+"--quotes=$$LIKERTKIT_MAKE_QUOTES"} \
	  $${LIKERTKIT_MAKE_THEMES:+"--themes=$$LIKERTKIT_MAKE_THEMES"} \
	  $${LIKERTKIT_MAKE_FINDINGS:+"--findings=$$LIKERTKIT_MAKE_FINDINGS"} \
	  $${LIKERTKIT_MAKE_COMMENTS:+"--comments=$$LIKERTKIT_MAKE_COMMENTS"} \
	  $${LIKERTKIT_MAKE_MIN_GROUP:+"--min-group=$$LIKERTKIT_MAKE_MIN_GROUP"} \
	  $${LIKERTKIT_MAKE_MISSING:+"--missing=$$LIKERTKIT_MAKE_MISSING"} \
	  $${LIKERTKIT_MAKE_ENCODING:+"--encoding=$$LIKERTKIT_MAKE_ENCODING"} \
	  $${LIKERTKIT_MAKE_DELIMITER:+"--delimiter=$$LIKERTKIT_MAKE_DELIMITER"} \
	  $${LIKERTKIT_MAKE_POSITIVE:+"--positive=$$LIKERTKIT_MAKE_POSITIVE"} \
	  $${LIKERTKIT_MAKE_CENTER:+"--center=$$LIKERTKIT_MAKE_CENTER"} \
	  $${LIKERTKIT_MAKE_TOP_BOX:+"--top-box=$$LIKERTKIT_MAKE_TOP_BOX"} \
	  $${LIKERTKIT_MAKE_ORDER:+"--order=$$LIKERTKIT_MAKE_ORDER"} \
	  $${LIKERTKIT_MAKE_TITLE:+"--title=$$LIKERTKIT_MAKE_TITLE"} \
	  $${LIKERTKIT_MAKE_PALETTE:+"--palette=$$LIKERTKIT_MAKE_PALETTE"} \
	  $${LIKERTKIT_MAKE_FORMATS:+"--formats=$$LIKERTKIT_MAKE_FORMATS"} \
	  $${LIKERTKIT_MAKE_OVERWRITE:+"--overwrite=$$LIKERTKIT_MAKE_OVERWRITE"} \
	  -- "$$LIKERTKIT_MAKE_SURVEY"

# make audit TABLE=... SCALE=... [N=...] OUT=... [OVERWRITE=yes]: the same byte-for-byte passing as make survey.
AUDIT_VARIABLES := TABLE N
unexport $(AUDIT_VARIABLES)
$(foreach name,$(AUDIT_VARIABLES),$(eval audit: export LIKERTKIT_MAKE_$(name) = $$(value $(name))))
$(foreach name,SCALE OUT OVERWRITE,$(eval audit: export LIKERTKIT_MAKE_$(name) = $$(value $(name))))

audit: | $(ENVIRONMENT) ## Audit a printed Likert table (likertkit audit): TABLE=table.csv SCALE=scale.csv [N=...] OUT=dir [OVERWRITE=yes] (docs/survey.md)
	exec $(PYTHON) -m likertkit audit --scale="$$LIKERTKIT_MAKE_SCALE" --out="$$LIKERTKIT_MAKE_OUT" \
	  $${LIKERTKIT_MAKE_N:+"--n=$$LIKERTKIT_MAKE_N"} $${LIKERTKIT_MAKE_OVERWRITE:+"--overwrite=$$LIKERTKIT_MAKE_OVERWRITE"} \
	  -- "$$LIKERTKIT_MAKE_TABLE"

unexport BENCH_RESPONDENTS
bench: export LIKERTKIT_BENCH_RESPONDENTS = $(value BENCH_RESPONDENTS)
bench: | $(ENVIRONMENT) $(BENCH_ENVIRONMENT) ## Benchmark a 600,000 x 100 survey beside pandas, polars, DuckDB and the bare read, its chart beside plot-likert's (build/bench.json); BENCH_RESPONDENTS=...
	$(PYTHON) benchmarks/survey_scale.py

floor: | $(ENVIRONMENT) ## Time the notebooks run with their imports only: the floor `make clean all` is compared to
	$(PYTHON) benchmarks/notebook_floor.py

floor-vs-build: | $(ENVIRONMENT) ## Time the floor and `make clean all` in turn, 3 rounds, medians into build/floor.json
	$(PYTHON) benchmarks/notebook_floor.py --build --repeat 3

env: $(ENVIRONMENT) ## Create the virtual environment .venv from requirements.txt (done for you when needed)

$(VENV)/.installed: requirements.txt pyproject.toml
	@echo "First run: creating the environment in $(VENV) and installing requirements.txt into it"
	@echo "(4-5 minutes on a 2-core machine, as testers measured; once: later runs reuse it). Nothing is installed"
	@echo "outside $(VENV). pip names each package as it installs it."
	$(BOOTSTRAP_PYTHON) -m venv $(VENV)
	set -o pipefail; $(VENV)/bin/python -m pip install --progress-bar off --disable-pip-version-check -r requirements.txt \
	  | awk '/^(Collecting|Successfully installed)/ { print; fflush() }'
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.site-installed: requirements-site.txt | $(VENV)/.installed
	@echo "Installing the reader's edition's tools into $(VENV): Sphinx, myst-nb, selenium (about a minute, once)"
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-site.txt
	@touch $@

$(VENV)/.bench-installed: requirements-bench.txt | $(VENV)/.installed
	@echo "Installing the benchmark's peers into $(VENV): polars, DuckDB, plot-likert (requirements-bench.txt, once)"
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $@

site: | $(ENVIRONMENT) $(SITE_ENVIRONMENT) ## Build the reader's edition (static HTML, offline) into build/site/ from the executed notebooks
	$(PYTHON) -m loechting2020.site

handout: | $(ENVIRONMENT) ## Write build/handout.pdf (students: no answers, works on paper) and build/handout-teacher.pdf (with every answer), offline
	$(PYTHON) -m loechting2020.handout

kernel: | $(ENVIRONMENT) ## Register the kernel "loechting2020" for your own JupyterLab (writes to your Jupyter data folder; says where)
	$(PYTHON) -m loechting2020.lab kernel --user

# JupyterLab lives in its own environment, .venv-lab (requirements-lab.txt), so the build environment stays lean;
# the compendium's kernel is registered inside it, so nothing is written to your own Jupyter folders. Lab opens at
# the repository root, and saves notebooks in the form `make all` writes them (loechting2020.lab.pre_save).
LAB_VENV := .venv-lab
KERNEL_NAME = $(shell PYTHONPATH=src $(BOOTSTRAP_PYTHON) -c 'from loechting2020.notebooks import KERNEL_NAME; print(KERNEL_NAME)')
$(LAB_VENV)/.installed: requirements-lab.txt | $(ENVIRONMENT)
	@echo "Creating JupyterLab's own environment in $(LAB_VENV) (1-2 minutes more, once; testers measured 6-7 minutes for the two)"
	$(BOOTSTRAP_PYTHON) -m venv $(LAB_VENV)
	PYTHONPATH= $(LAB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-lab.txt
	$(PYTHON) -m loechting2020.lab kernel --prefix $(LAB_VENV)
	@touch $@

lab: $(LAB_VENV)/.installed ## Open JupyterLab at the repository root, the notebooks on the compendium's kernel
	JUPYTER_RUNTIME_DIR="$(CURDIR)/$(LAB_VENV)/runtime" $(LAB_VENV)/bin/jupyter lab --ContentsManager.pre_save_hook=loechting2020.lab.pre_save \
	  --MappingKernelManager.default_kernel_name=$(KERNEL_NAME) \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

clean: ## Remove everything the notebooks generate and clear their outputs (data/raw is never touched)
	rm -rf build data/processed/* figures/*
	PYTHONPATH=src $(BOOTSTRAP_PYTHON) -m loechting2020.notebooks clear $(NOTEBOOKS)
