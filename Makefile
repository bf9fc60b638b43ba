# Two commands set up everything on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(PY) -m pytest
# Two installs: what the site and `make check` need (requirements.txt), and on top
# of it the test and browser tools only `make test` needs (requirements-dev.txt).
CHECK_STAMP := $(VENV)/.installed-check
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1
# Browser tests use Debian's chromium; Playwright must never try to download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help install check build markdown serve test test-part test-full clean new schemas schema-lines review-report published-urls system-packages

help:
	@echo "make serve   preview the site at http://127.0.0.1:8000/guide/ (sets everything up)"
	@echo "make test    run every check CI runs on a pull request"
	@echo "make test-full   the same, with every page audited in all four browser variants (nightly)"
	@echo "make check   validate the data files and the macros of the pages in docs/"
	@echo "make build   write the site to site/"
	@echo "make markdown   write every page as plain Markdown to build/markdown/ (builds with no hooks or plugins)"
	@echo "              stubs=1: the pages made from the data as one macro call each, for a generator with macros"
	@echo 'make new kind=condition name="Plantar fasciitis"   start a new data file (a draft)'
	@echo "              kinds: condition, technique, benefit, caution, source"
	@echo "make review-report   pages overdue for review or due in the next 30 days"
	@echo "make schemas         regenerate docs/schemas/ from the model"
	@echo "make schema-lines    put the schema line first in every data file"
	@echo "make bench           build-time and page-weight benchmark (not a test; ~50 min)"
	@echo "make lighthouse      Lighthouse scores for home, a condition and a technique page"
	@echo "make reader-report   every page at 375 x 812: screens, first verdict, callout size, clipped title"

$(CHECK_STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(CHECK_STAMP)

$(STAMP): $(CHECK_STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# `make new kind=condition name=Plantar fasciitis` (no quotes) makes "fasciitis" a
# second goal, run after the file is written: stop before anything runs instead.
ifneq ($(filter new,$(MAKECMDGOALS)),)
ifneq ($(filter-out new,$(MAKECMDGOALS)),)
$(error make new: no file written: a name with spaces needs quotes: name="$(strip $(name) $(filter-out new,$(MAKECMDGOALS)))")
endif
endif

install: $(STAMP)

check: $(CHECK_STAMP)
	$(PY) -m macros.cli.check

# Build into a scratch folder and swap it in, so a failed build never leaves a half-built site/;
# the scratch folder is removed when the build fails, so nothing half-built is left anywhere.
build: $(CHECK_STAMP)
	rm -rf site.partial
	$(VENV)/bin/mkdocs build --strict --site-dir site.partial || { rm -rf site.partial; exit 1; }
	rm -rf site && mv site.partial site

# The whole docs tree as plain Markdown, made by the engine without MkDocs' build, every
# macro call made, for a tool that runs no hooks or plugins; `make markdown stubs=1` writes
# the pages made from the data as the hook hands them to MkDocs: one macro call each.
markdown: $(CHECK_STAMP)
	$(PY) -m macros.cli.markdown_tree $(if $(stubs),--stubs) build/markdown

# Every edit rebuilds the whole site: see README, "make serve rebuilds the whole site".
# Not strict: MkDocs' preview stops answering after a rebuild that strict mode aborts, so
# the preview lists each problem and shows the pages as far as it can (a page whose macros
# have problems says what they are); `make build` and CI stay strict.
serve: $(CHECK_STAMP)
	$(VENV)/bin/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

# The W3C Nu HTML Checker (tests/site/test_html_validity.py), run with Debian's Java. Its install
# script would download a Java of its own: --ignore-scripts keeps to the jar alone.
VNU_JAR := tests/html_check/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): tests/html_check/package.json tests/html_check/package-lock.json
	command -v npm >/dev/null || bash .ci/apt-install nodejs npm
	cd tests/html_check && npm ci --ignore-scripts --no-audit --no-fund
	touch $(VNU_JAR)

# The data check runs first: its messages (and, in GitHub Actions, its notes on
# the pull request's diff) are the clearest account of a data mistake. The site is then
# built once, into site/, and every test that needs a built site reads that one build.
# The browser tests and the rest run at once, one on each core (the browser part waits on
# Chromium much of the time): the browser part's report is printed when both are done, and
# the target fails if either part fails. Both parts test the same XSS corpus, built once by
# whichever asks first in a folder new for the run (tests/xss_corpus.py). README "Tests" has the times.
test: $(STAMP) system-packages $(VNU_JAR)
	$(PY) -m macros.cli.check
	$(MAKE) --no-print-directory build
	@log=$$(mktemp); export XSS_CORPUS_DIR=$$(mktemp -d); \
	BUILT_SITE=site $(PYTEST) tests/browser >$$log 2>&1 & browser=$$!; \
	BUILT_SITE=site $(PYTEST) --ignore=tests/browser; rest=$$?; \
	wait $$browser; browser=$$?; \
	echo; echo "=== the browser tests (tests/browser), run at the same time ==="; cat $$log; rm -rf $$log $$XSS_CORPUS_DIR; \
	echo; echo "make test: browser tests exit $$browser, the other tests exit $$rest"; \
	[ $$browser -eq 0 ] && [ $$rest -eq 0 ]

# One part of the tests, on a site/ already built from the same commit: the CI workflow
# builds once and runs `make test-part PART=tests/browser` and the rest in parallel jobs.
test-part: $(STAMP) system-packages $(VNU_JAR)
	@test -f site/index.html || { echo "make test-part: no built site in site/; run make build first"; exit 1; }
	BUILT_SITE=site $(PYTEST) $(PART)

# What the nightly workflow runs: `make test`, with the browser audit of every page in
# light and dark, desktop and phone (a pull request audits one page of each template so).
test-full: $(STAMP) system-packages $(VNU_JAR)
	$(PY) -m macros.cli.check
	$(MAKE) --no-print-directory build
	FULL_AUDIT=1 BUILT_SITE=site $(PYTEST)

# Debian packages the browser and handout tests use (tool:package), installed once when
# missing: as root directly, otherwise with sudo when it needs no password (GitHub's runner
# is a non-root user with passwordless sudo). With neither, the packages are listed; under
# CI=true that is an error, because the tests that need them would fail further on.
SYSTEM_TOOLS := chromium:chromium pdfinfo:poppler-utils zbarimg:zbar-tools java:default-jre-headless
system-packages:
	@missing=""; for pair in $(SYSTEM_TOOLS); do \
	  command -v $${pair%%:*} >/dev/null || missing="$$missing $${pair##*:}"; done; \
	[ -z "$$missing" ] || bash .ci/apt-install $$missing

# make new kind=condition name="Plantar fasciitis" [id=plantar-fasciitis]
new: $(CHECK_STAMP)
	$(PY) -m macros.cli.new_entity "$(kind)" "$(name)" --id "$(id)"

review-report: $(CHECK_STAMP)
	$(PY) -m macros.cli.review_report

schemas: $(CHECK_STAMP)
	$(PY) -m macros.cli.schemas write

schema-lines: $(CHECK_STAMP)
	$(PY) -m macros.cli.schemas link

# Record new page addresses in tests/published_urls.txt, so a test keeps them working.
published-urls: $(CHECK_STAMP)
	$(PY) -m macros.cli.published_urls

clean:
	rm -rf site site.partial .pytest_cache

# Measurements, not tests: none is part of `make test`. See the README's "Speed and scale"
# and "Reading on a phone".
.PHONY: bench lighthouse reader-report
reader-report: $(STAMP) build
	command -v chromium >/dev/null || bash .ci/apt-install chromium
	$(PY) tests/reader_report.py site

# The benchmark's own tests first (marked bench, left out of `make test`), then the benchmark.
bench: $(STAMP)
	$(PY) -m pytest -m bench tests/benchmark/test_benchmark_tools.py
	$(PY) tests/benchmark/run_benchmark.py

# Lighthouse 12.2.3 is the last release that runs on Node 20; it audits with Debian's Chromium.
LIGHTHOUSE := tests/benchmark/node_modules/.bin/lighthouse
$(LIGHTHOUSE): tests/benchmark/package.json tests/benchmark/package-lock.json
	command -v npm >/dev/null || bash .ci/apt-install nodejs npm
	cd tests/benchmark && npm ci --no-audit --no-fund
	touch $(LIGHTHOUSE)

lighthouse: build $(LIGHTHOUSE)
	command -v chromium >/dev/null || bash .ci/apt-install chromium
	$(PY) tests/benchmark/lighthouse_audit.py site
