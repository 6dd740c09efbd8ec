# Every install step lives here: CI runs `make test` on a clean clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APT_PACKAGES := chromium poppler-utils qpdf
# Scans (OCR with the Dutch model) and Word/OpenDocument/RTF conversion; no recommends needed.
APT_LEAN     := tesseract-ocr tesseract-ocr-nld libreoffice-writer-nogui
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FIXTURES := fixtures/generated
# axe-core from its npm package (MPL-2.0): the accessibility rules the browser tests run on every
# review page. Only the tests inject it; the review application itself loads nothing from outside.
AXE_VERSION := 4.11.0
AXE := .cache/axe/node_modules/axe-core/axe.min.js

.PHONY: install system fixtures demo test bench lint eval clean translations merge-translations model

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# Debian packages: chromium (review page tests), poppler-utils and qpdf (outside leak checks),
# Tesseract with its Dutch model (scanned pages) and LibreOffice Writer (Word, ODT, RTF).
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	lean=""; for p in $(APT_LEAN); do dpkg -s $$p >/dev/null 2>&1 || lean="$$lean $$p"; done; \
	if [ -n "$$missing$$lean" ]; then \
	  echo "installing:$$missing$$lean"; \
	  $(SUDO) apt-get update -qq; \
	fi; \
	if [ -n "$$missing" ]; then \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi; \
	if [ -n "$$lean" ]; then \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$lean >/dev/null; \
	fi

fixtures: install
	$(BIN)/python fixtures/generate.py --out $(FIXTURES)

# The main job on the embedded default (SQLite workspace, local worker processes).
demo: install system fixtures
	rm -rf demo && mkdir -p demo/inbox && cp $(FIXTURES)/woo/*.pdf demo/inbox/
	for d in scans office mail; do mkdir -p demo/inbox/$$d && \
	  find $(FIXTURES)/$$d -maxdepth 1 -type f ! -name '*.json' -exec cp {} demo/inbox/$$d/ \; ; done
	$(BIN)/redact scan demo/inbox --workspace demo/workspace --workers 2
	$(BIN)/redact decide demo/workspace --accept-all --reviewer demo
	$(BIN)/redact apply demo/workspace --out demo/outbox --workers 2
	$(BIN)/redact verify demo/outbox
	$(BIN)/redact publish demo/workspace --out demo/publicatie --settings docs/publication-settings.example.json
	$(BIN)/redact verify demo/publicatie --workspace demo/workspace
	@echo "demo: redacted PDFs in demo/outbox, the publication in demo/publicatie, audit trail in demo/workspace/audit.jsonl"

$(AXE):
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends npm >/dev/null; }
	npm install --prefix .cache/axe --no-audit --no-fund --no-save --silent axe-core@$(AXE_VERSION)

# The suite in one process per core (pytest-xdist), each test file in one process: a file's fixtures
# are built once, and its tests keep their order.
test: install system fixtures $(AXE)
	$(BIN)/pytest -q -p no:cacheprovider -n auto --dist loadfile

# The learned second opinion on names (recognizers/nl_person_learned.py), from fixtures/handwritten/:
# the same sets give the same bytes; commit recognizers/lexicons/person_model.npz with the sets.
model: install
	$(BIN)/python -m redact.train_names

bench: install fixtures
	$(BIN)/pytest benchmarks -q -p no:cacheprovider --benchmark-columns=min,median,max,rounds

lint: install
	$(BIN)/ruff check redact recognizers tests benchmarks fixtures
	$(BIN)/mypy redact recognizers

# The review's message catalogue (babel.cfg): extract the English msgids from its templates,
# scripts and Python into messages.pot, then update the Dutch messages.po, keeping every
# translation it has (the page compiles it in memory: no .mo to build). New msgids come in empty;
# `pytest tests/test_i18n.py` names every one still without a Dutch translation.
LOCALE := redact/review/locale
translations: install
	$(BIN)/pybabel -q extract -F babel.cfg -k t -k tn:1,2 --add-location=file --sort-by-file \
	  --project redact --copyright-holder "the redact project" --no-wrap -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel -q update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages -l nl \
	  --no-fuzzy-matching --ignore-obsolete --no-wrap

# Dutch translations written as PO fragments (e.g. FRAGMENTS="../notes/po16/*.po"), merged into
# messages.po after extraction; an existing translation is kept, a conflict is reported.
FRAGMENTS ?=
merge-translations: translations
	$(BIN)/python -m redact.review.i18n $(wildcard $(FRAGMENTS))

# Detection quality. The judge is text this project did not write: the hand-written gold sets in
# fixtures/handwritten/ (written apart from the recognisers; news-holdout is never tuned on), the
# municipal prose in ../shared/dev-sets/ (when present) and the regression corpus per kind of text;
# then a larger generated set from another seed than the one tuned on, and the fairness table.
EVAL_SET := fixtures/generated-eval
SHARED_PROSE := ../shared/dev-sets/municipal-prose
eval: install
	$(BIN)/redact eval tests/regression
	for s in fixtures/handwritten/*/; do $(BIN)/redact eval $$s || exit 1; done
	if [ -d $(SHARED_PROSE) ]; then $(BIN)/redact eval $(SHARED_PROSE); fi
	$(BIN)/python fixtures/generate.py --out $(EVAL_SET) --count 300 --seed 7
	$(BIN)/redact eval $(EVAL_SET)
	$(BIN)/redact eval --by-origin

clean:
	rm -rf $(VENV) demo $(FIXTURES) $(EVAL_SET) .pytest_cache .benchmarks
