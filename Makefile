# Two commands set up everything on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install check build serve test clean

help:
	@echo "make serve   preview the site at http://127.0.0.1:8000 (sets everything up)"
	@echo "make test    run every check CI runs"
	@echo "make check   validate the data files only"
	@echo "make build   write the site to site/"

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

check: $(STAMP)
	$(PY) -m macros.check

# Build into a scratch folder and swap it in, so a failed build never leaves a half-built site/.
build: $(STAMP)
	rm -rf site.partial
	$(VENV)/bin/mkdocs build --strict --site-dir site.partial
	rm -rf site && mv site.partial site

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --strict --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf site site.partial .pytest_cache
