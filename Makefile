# Everyday commands. A fresh clone needs only Python 3.11+, git and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KATA   ?= penguins

export MLFLOW_DISABLE_TELEMETRY := true
export DO_NOT_TRACK := 1

.PHONY: setup practice test test-extended lab docs team-server team-server-stop bench lint clean

## setup: create .venv with the exact versions in uv.lock (bytecode compiled, so checks start fast)
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv sync --frozen --compile-bytecode --quiet
	touch $@

## practice: set up, then show your progress and the current stage
practice: setup
	$(BIN)/kata

## test: set up, then run the repository's test suite (what CI runs)
test: setup
	$(BIN)/pytest -n 3 --dist loadgroup --durations=25 -m "not extended"

## test-extended: the first per-stage discrimination tests, which the cases now cover (slow)
test-extended: setup
	$(BIN)/pytest -n 2 --dist loadgroup --durations=25 -m extended

## lab: JupyterLab on a kata's workspace (KATA=penguins by default), with jupytext pairing
lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/katas/$(KATA)/workspace \
		--LabApp.app_settings_dir=$(CURDIR)/.jupyter/lab/settings

## docs: serve the study site at http://127.0.0.1:8000 and rebuild on every change
docs: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## team-server: start a team's MLflow server on PostgreSQL, on 127.0.0.1 port TEAM_SERVER_PORT (5000)
TEAM_SERVER_PORT ?= 5000
team-server: setup
	@$(BIN)/kata team-server start --port $(TEAM_SERVER_PORT)

## team-server-stop: stop the team's server and its database (the runs stay in .kata/team-server/)
team-server-stop: setup
	@$(BIN)/kata team-server stop

## bench: time the learner loop, the site, the suite and a fresh set-up against the brief's targets
bench: setup
	$(BIN)/python benchmarks/run.py

## lint: ruff over the repository's own code, and lint-imports over kata's own layers
lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) site .pytest_cache .ruff_cache
