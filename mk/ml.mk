# ml: tensor library, autograd, GPT-2 (see ml/README.md).
.PHONY: demo-ml bench-ml test-ml
ML_DEMO := build/ml/demo

# A small char-level GPT on Shakespeare for a fixed step budget (about 1-3
# minutes on one core), checkpoint and loss.png under $(ML_DEMO), then a sample.
demo-ml:
	nice -n 10 $(PY) -m ml.gpt2.train --config char --steps 250 --warmup 20 --lr 2e-3 \
		--eval-every 50 --ckpt-every 50 --out $(ML_DEMO)
	$(PY) -m ml.gpt2.sample --ckpt $(ML_DEMO)/ckpt.safetensors --prompt "ROMEO:" \
		--tokens 300 --temperature 0.8 --top-k 10

bench-ml:
	nice -n 10 $(PY) bench/ml/bench_gpt.py

test-ml:
	$(PY) -m pytest tests/ml
