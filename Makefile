# bits2gpt: the two set-up commands, the main job, and the line ledger.
# Layers add their own targets in mk/<layer>.mk (included at the end).

PY := $(CURDIR)/.venv/bin/python
export PATH := $(CURDIR)/.venv/bin:$(PATH)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup test test-long demo loc readme help
help:
	@echo "make setup      install everything a fresh Debian 12 machine needs"
	@echo "make test       every layer's tests (under 45 minutes on 2 cores)"
	@echo "make test-long  the long suites (bitstreams, random programs, full benches)"
	@echo "make demo       the furthest working slice of the stack"
	@echo "make loc        code lines per layer beside the budget"

setup:
	bash tools/setup.sh

test:
	$(PY) -m pytest tests -m "not long"

test-long:
	$(PY) -m pytest tests -m long

demo:
	bash tools/demo.sh

loc:
	@$(PY) tools/loc.py

readme:
	@$(PY) tools/loc.py --readme > /dev/null

-include mk/*.mk
