# `make run` converts every sample PDF into out/; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test lint bench samples compare compare-text fuzz clean sysdeps variants

# Debian packages the tests need: fonts-ipaexfont (tests draw Japanese PDFs with it) and
# poppler-utils (pdftotext, the reference in the text comparison). Installed when missing
# and the machine can (root with apt-get); otherwise say what to install.
SYSDEPS_FILES := /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf /usr/bin/pdftotext
SYSDEPS_PACKAGES := fonts-ipaexfont poppler-utils
sysdeps:
	@missing=0; for f in $(SYSDEPS_FILES); do [ -e "$$f" ] || missing=1; done; \
	if [ $$missing = 1 ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $(SYSDEPS_PACKAGES)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSDEPS_PACKAGES)) >/dev/null || exit 1; \
	  else \
	    echo "make test needs the Debian packages: $(SYSDEPS_PACKAGES) (sudo apt-get install $(SYSDEPS_PACKAGES))" >&2; exit 1; \
	  fi; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP_RUN)

# Byte-compiled once here: where PYTHONDONTWRITEBYTECODE is set, an editable install would
# otherwise compile every module at every start.
run: $(STAMP_RUN)
	@$(BIN)/python -m compileall -q extractor
	$(BIN)/extractor convert samples -o out

test: $(STAMP_DEV) sysdeps
	$(BIN)/python -m ruff check extractor tests scripts
	$(BIN)/python -m pytest

lint: $(STAMP_DEV)
	$(BIN)/python -m ruff check extractor tests scripts
	$(BIN)/python -m ruff format --check extractor tests scripts

bench: $(STAMP_DEV)
	$(BIN)/python scripts/bench.py

# A long fuzz run (10,000 mutated sample PDFs, about 20 minutes); `make test` runs 60.
fuzz: $(STAMP_DEV)
	EXTRACTOR_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest tests/test_fuzz.py -q -s

compare: $(STAMP_DEV)
	$(BIN)/python scripts/compare_tables.py

# extractor text against pdftotext -layout, plain pdfplumber and PyMuPDF (needs poppler-utils).
compare-text: $(STAMP_DEV) sysdeps
	$(BIN)/python scripts/compare_text.py

# Regenerating the samples needs Debian's fonts-ipaexfont, libreoffice-writer-nogui and
# ghostscript (see the scripts' docstrings); `make test` needs none of them.
samples: $(STAMP_DEV)
	$(BIN)/python scripts/make_samples.py
	$(BIN)/python scripts/make_office_samples.py

# Issue 8's variant reports (tests/variants/): needs fonts-ipaexfont, libreoffice-writer-nogui
# and chromium. `python scripts/make_variants.py score` prints the pass count per option.
variants: $(STAMP_DEV)
	$(BIN)/python scripts/make_variants.py generate

clean:
	rm -rf $(VENV) out/*.json
