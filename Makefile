# Two commands set up everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_PDF ?= $(SHARED)/corpus/01723_2026-01_FF301-v1.2.0_en.pdf
OUT := build

.PHONY: demo test lint install install-test xsd golden bench bench-bulk bench-ocr bench-ocr-table poppler cjk-font browser ocr fuzz-roundtrip fuzz producers clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

# The invented sample (samples/, written as data) -> XML -> validated -> rendered as PDF and HTML;
# then a real filing from the corpus, when ../shared is beside the checkout.
DEMO_SAMPLE ?= samples/invented_FF301_2025-06_en.json
demo: install
	mkdir -p $(OUT)
	$(BIN)/return-xml convert $(DEMO_SAMPLE) $(OUT)/sample.xml
	$(BIN)/return-xml validate $(OUT)/sample.xml
	$(BIN)/return-xml render $(OUT)/sample.xml $(OUT)/sample.pdf
	$(BIN)/return-xml render $(OUT)/sample.xml $(OUT)/sample.html
	if [ -f $(DEMO_PDF) ]; then \
	  $(BIN)/return-xml convert $(DEMO_PDF) $(OUT)/demo.xml && \
	  $(BIN)/return-xml validate $(OUT)/demo.xml && \
	  $(BIN)/return-xml facts $(OUT)/demo.xml; \
	else echo "($(DEMO_PDF) not found: the corpus part of the demo is left out)"; fi

test: install-test cjk-font browser ocr
	$(BIN)/python -m pytest

# ruff (lint rules and import order) and mypy (types), both configured in pyproject.toml.
lint: install-test
	$(BIN)/python -m ruff check src tests
	$(BIN)/python -m mypy

# Regenerate the published XSD from the model (a test fails when it is stale).
xsd: install
	$(BIN)/python -m return_xml.xmlio.xsdgen > xsd/monthly-return-1.xsd

# Rewrite the golden files from the current converter: review the diff before committing.
golden: install-test
	$(BIN)/python -m pytest tests/xmlio/test_golden.py --update-golden

# Per corpus filing, medians of 5 runs: pypdfium2 extraction, pdfplumber words, our convert per decoder,
# their ratios and the CLI start-up, then a whole `return-xml convert` against a whole pypdfium2 extraction
# process (docs/performance.md); then bulk against poppler's pdftotext and bulk throughput (scripts/bench_bulk.py).
bench: install poppler
	$(BIN)/python scripts/bench.py --runs 5 --corpus $(SHARED)/corpus
	if [ -f scripts/bench_bulk.py ]; then $(MAKE) --no-print-directory bench-bulk; fi
	$(MAKE) --no-print-directory bench-ocr

# Seconds per scanned page (OCR): whole convert processes over the scanned corpus renditions, with peak memory.
bench-ocr: install ocr
	$(BIN)/python scripts/bench_ocr.py --scans $(SHARED)/corpus/scanned --runs 1

# The OCR table (issue 15): the labelled corpus filings and a subset of the producer matrix, scanned at
# 150, 200 and 300 dpi (../shared/tools/make_scan.py, fixed seeds; kept in OCR_SCANS), read by OCR and scored
# against their labels: verdict, facts correct/missing/wrong/extra, verified-but-wrong (docs/ocr.md).
# A measurement, not a test: about 20-25 minutes on 2 cores.  make_scan.py needs img2pdf.
OCR_SCANS ?= /tmp/ocr_scans
bench-ocr-table: install ocr poppler
	$(BIN)/python -c "import img2pdf" 2>/dev/null || $(BIN)/python -m pip install --quiet img2pdf
	$(BIN)/python scripts/ocr_table.py --cache $(OCR_SCANS) --json $(OCR_SCANS)/table.json --details

# Bulk against pdftotext -bbox (2 at a time) over unlabelled/, then throughput: files/s with --jobs 1 and --jobs 2 on the same 100 files, and worker peak memory over 200.
bench-bulk: install poppler
	$(BIN)/python scripts/bench_bulk.py --corpus $(SHARED)/corpus --files 100 --memory-files 200

# poppler's pdftotext, the C extraction that bench-bulk compares bulk with; installed with apt-get (as root)
# only when it is missing.
poppler:
	@if command -v pdftotext >/dev/null; then :; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; fi

# The CJK TrueType font that `render` draws Chinese with (render/fonts.py); installed with apt-get
# (as root) only when no known CJK font file is present.
CJK_FONT ?= /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
cjk-font:
	@if [ -f "$(CJK_FONT)" ] || [ -n "$$RETURN_XML_CJK_FONT" ]; then :; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei; fi

# Tesseract 5 with its English and traditional Chinese models, which read scanned pages (pdf/ocr.py,
# docs/ocr.md); installed with apt-get (as root) only when the program or a model is missing.  The
# recogniser itself is tesserocr from pip (a dependency: its wheel bundles Tesseract 5.5.4), installed
# here too when the venv lacks it (a venv made before it was a dependency); where it has no wheel, the
# apt program runs through pytesseract instead.
TESSDATA ?= /usr/share/tesseract-ocr/5/tessdata
ocr: $(BIN)/python
	@if command -v tesseract >/dev/null && [ -f $(TESSDATA)/eng.traineddata ] && [ -f $(TESSDATA)/chi_tra.traineddata ]; then :; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-tra; fi
	@$(BIN)/python -c "import tesserocr" 2>/dev/null || $(BIN)/python -m pip install --quiet --only-binary tesserocr 'tesserocr>=2.13' \
	  || echo "tesserocr has no wheel here: OCR runs the tesseract program through pytesseract (slower)"

# Debian's chromium and its driver, which the review page's browser tests drive headless through Selenium
# (tests/review/test_review_browser.py); installed with apt-get (as root) only when one of them is missing.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; fi

# The Hypothesis round trips (FF301 and legacy layouts) render -> read, FUZZ_EXAMPLES each, from a random seed.
FUZZ_EXAMPLES ?= 1000
fuzz-roundtrip: install-test cjk-font
	RETURN_XML_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/render/test_render.py -k generated -q

# Fuzz the value parsers, the XML -> model path and the PDF -> model path (atheris; issue 8):
# FUZZ_SECONDS in all (default 10 minutes), split over the targets; crashes land in build/fuzz/.
FUZZ_SECONDS ?= 600
fuzz: install-test
	$(BIN)/python -m pip install --quiet -e '.[test,fuzz]'
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS)

# The producer matrix (issue 14): rebuild tests/producers/*/pdf from their inputs with real producers
# (LibreOffice Writer, Chromium, Ghostscript, several font families). The PDFs are committed, so `make test`
# needs none of these; run this after changing an input, then review and commit the PDFs.
PRODUCER_PACKAGES := libreoffice-writer-nogui chromium ghostscript fonts-liberation fonts-dejavu-core fonts-arphic-uming fonts-wqy-zenhei
producers: install-test
	@if ! command -v soffice >/dev/null || ! command -v chromium >/dev/null || ! command -v gs >/dev/null \
	   || [ ! -f /usr/share/fonts/truetype/arphic/uming.ttc ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PRODUCER_PACKAGES); fi
	$(BIN)/python -m pip install --quiet -e '.[test,producers]'
	for script in tests/producers/build_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
