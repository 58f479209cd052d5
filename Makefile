# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
REPORT ?= report.html

.PHONY: demo serve test lint typecheck browser clean bench

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first, pinned, so nothing pulls a multi-GB CUDA build
	$(BIN)/python -m pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Debian's Chromium for the browser tests (skipped when already present).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }

demo: $(STAMP)
	$(BIN)/newsprism analyze examples/ --out $(REPORT) --out report.json --out report.md --out report.txt --out report-site/
	@cat report.txt
	@echo "report written to $(abspath $(REPORT)) (also report.json, report.md, report.txt, and report-site/: an index and a page per story)"
	$(BIN)/newsprism ingest examples/ --db demo.db
	$(BIN)/newsprism analyze --db demo.db --quiet --format md > /dev/null
	@echo "corpus in $(abspath demo.db), analysed: running ingest again adds nothing twice"
	@echo "to read it in a browser: make serve (or $(BIN)/newsprism serve --db demo.db), then open http://127.0.0.1:8000/"

# The web app over the demo corpus (make demo first), on 127.0.0.1:8000.
serve: $(STAMP)
	@test -f demo.db || { echo "no demo.db: run make demo first"; exit 2; }
	$(BIN)/newsprism serve --db demo.db

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) browser
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) build *.egg-info report.html report.json report.md report.txt report-site
