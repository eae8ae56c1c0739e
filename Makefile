# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# what each target needs: the CLI alone (demo), the test tools (test and the rest), Jupyter (lab)
RUNTIME := $(VENV)/.installed-runtime
STAMP   := $(VENV)/.installed
LAB     := $(VENV)/.installed-lab

.PHONY: demo test test-fast fuzz lint lab bench golden readme docs notebook-html notebook-clean clean

$(RUNTIME): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(LAB): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,lab]'
	@touch $(LAB)

demo: $(RUNTIME)
	$(BIN)/diplonet validate
	$(BIN)/diplonet channels US Hamas --as-of 2021-05-20 --no-evidence
	$(BIN)/diplonet channels US Israel PA Hamas --as-of 2021-05-20 \
		--through Egypt --through Jordan --through Qatar --through Turkey --through UAE

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

# The suite without the tests marked slow (the notebook, the browser, the long properties).
test-fast: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q -m "not slow"

# JupyterLab on the guided notebook (installs the `lab` extra on first use).
lab: $(LAB)
	$(BIN)/jupyter lab notebooks/explore.ipynb

# The long fuzzing budget (docs/hardening.md): random, not derandomized; `make test` runs a
# short fixed one. FUZZ_EXAMPLES sets the number of damaged inputs per property.
FUZZ_EXAMPLES ?= 2000
fuzz: $(STAMP)
	DIPLONET_FUZZ=long DIPLONET_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/cli_latency.py
	$(BIN)/python bench/gdelt_ingest.py

# Regenerate the golden JSON answers on purpose, after a deliberate data or rule change.
golden: $(STAMP)
	$(BIN)/python tests/make_golden.py

# Regenerate the pictures shown in README.md and docs/diagrams.md.
docs: $(STAMP)
	$(BIN)/diplonet timeline --channel US Hamas --to 2021-05-31 -o docs/timeline_us_hamas.png --dpi 110
	$(BIN)/diplonet plot --as-of 2021-05-20 --layout map --size 15,8.5 -o docs/network.png --dpi 110
	$(BIN)/diplonet plot --as-of 2021-05-20 --layout map --size 15,8.5 --highlight US Hamas -o docs/channels_us_hamas.png --dpi 110
	$(BIN)/diplonet plot --as-of 2021-05-20 --focus Qatar -o docs/ego_qatar.png --dpi 110
	$(BIN)/diplonet diagram US Israel PA Hamas --as-of 2021-05-20 --through Egypt --through Jordan \
		--through Qatar --through Turkey --through UAE -o docs/diagram_us_partners.png --dpi 110
	$(BIN)/diplonet timeline --channel US Hamas --to 2026-12-31 -o docs/timeline_us_hamas_recent.png --dpi 110
	$(BIN)/diplonet export html --as-of 2021-05-20 -o docs/network.html
	$(MAKE) notebook-html

# Regenerate the outputs shown in the console examples of README.md and docs/*.md.
readme: $(STAMP)
	$(BIN)/python tests/readme_examples.py
	$(BIN)/python tests/cli_reference.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache

# Execute the notebook into docs/explore.html (for readers on GitHub) without touching the
# committed notebook, which stays free of outputs.
notebook-html: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter nbconvert --to html --execute explore.ipynb --output-dir ../docs --output explore

# Strip outputs from the notebook before committing it.
notebook-clean: $(STAMP)
	$(BIN)/jupyter nbconvert --clear-output --inplace notebooks/explore.ipynb
