# Every install step lives here: CI runs `make test` on a clean clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APT_PACKAGES := chromium poppler-utils qpdf
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FIXTURES := fixtures/generated

.PHONY: install system fixtures demo test bench lint eval clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# Debian packages: chromium (review page tests), poppler-utils and qpdf (outside leak checks).
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

fixtures: install
	$(BIN)/python fixtures/generate.py --out $(FIXTURES)

# The main job on the embedded default (SQLite workspace, local worker processes).
demo: install fixtures
	rm -rf demo && mkdir -p demo/inbox && cp $(FIXTURES)/woo/*.pdf demo/inbox/
	$(BIN)/redact scan demo/inbox --workspace demo/workspace --workers 2
	$(BIN)/redact decide demo/workspace --accept-all --reviewer demo
	$(BIN)/redact apply demo/workspace --out demo/outbox --workers 2
	$(BIN)/redact verify demo/outbox
	@echo "demo: redacted PDFs in demo/outbox, audit trail in demo/workspace/audit.jsonl"

test: install system fixtures
	$(BIN)/pytest -q -p no:cacheprovider

bench: install fixtures
	$(BIN)/pytest benchmarks -q -p no:cacheprovider --benchmark-columns=min,median,max,rounds

lint: install
	$(BIN)/ruff check redact recognizers tests benchmarks fixtures
	$(BIN)/mypy redact recognizers

# A larger gold set than the test fixtures, from another seed than the one tuned on.
EVAL_SET := fixtures/generated-eval
eval: install
	$(BIN)/python fixtures/generate.py --out $(EVAL_SET) --count 300 --seed 7
	$(BIN)/redact eval $(EVAL_SET)

clean:
	rm -rf $(VENV) demo $(FIXTURES) $(EVAL_SET) .pytest_cache .benchmarks
