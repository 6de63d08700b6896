# kg — two commands on a fresh machine:
#   make run    create .venv, install kg, build output/ from seeds/
#   make test   create .venv, install kg with test extras (and chromium + CJK fonts via apt
#               when missing), run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test install install-test system-deps bench eval lexicons crf clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

run: install
	$(BIN)/kg build seeds -o output

system-deps:
	scripts/system-deps

test: install-test system-deps
	$(BIN)/python -m pytest

# Benchmarks read ../shared/data and ../shared/corpus in place; each prints ratios from one run.
bench: install-test
	$(BIN)/python benchmarks/ner.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/sparql.py
	$(BIN)/python benchmarks/corpus.py
	$(BIN)/python benchmarks/eval.py
	$(BIN)/python benchmarks/explorer.py

# Rebuild the vocabularies learned from ../shared/data/ner (kg/data/nlp/learned/; committed).
lexicons: install
	$(BIN)/python scripts/learn_lexicons.py

# Retrain the statistical NER layer (kg/data/models/ner.crfsuite; committed) from ../shared/data/ner.
crf: install
	$(BIN)/python scripts/train_crf.py

# Every development gold set and public NER set, kg beside raw LAC (reads ../shared in place).
eval: install
	$(BIN)/python benchmarks/eval.py --findings output/eval_findings.txt

clean:
	rm -rf $(VENV) output/*.ttl output/*.html output/*.json output/*.jsonl
