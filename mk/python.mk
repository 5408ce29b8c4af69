# software/python: our Python runtime in C (host build for tests and benches)
.PHONY: python-rt python-test python-bench
python-rt:
	$(MAKE) -C software/python

python-test: python-rt
	$(PY) -m pytest tests/python -q

python-bench: python-rt
	$(PY) bench/python/run.py
