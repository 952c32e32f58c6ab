# Two commands set up everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_PDF ?= $(SHARED)/corpus/01723_2026-01_FF301-v1.2.0_en.pdf
OUT := build

.PHONY: demo test install install-test xsd golden bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

demo: install
	mkdir -p $(OUT)
	$(BIN)/return-xml convert $(DEMO_PDF) $(OUT)/demo.xml
	$(BIN)/return-xml validate $(OUT)/demo.xml
	$(BIN)/return-xml facts $(OUT)/demo.xml

test: install-test
	$(BIN)/python -m pytest

# Regenerate the published XSD from the model (a test fails when it is stale).
xsd: install
	$(BIN)/python -m return_xml.xmlio.xsdgen > xsd/monthly-return-1.xsd

# Rewrite the golden files from the current converter: review the diff before committing.
golden: install-test
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

# Median wall time of converting each labelled corpus filing (5 runs), in-process and via the CLI.
bench: install
	$(BIN)/python scripts/bench.py --runs 5 --corpus $(SHARED)/corpus

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
