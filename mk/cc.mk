# C compiler: benchmark of retired instructions against gcc -O0/-O2.
.PHONY: bench-cc
bench-cc:
	$(PY) bench/cc/bench.py
