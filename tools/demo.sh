#!/usr/bin/env bash
# make demo: the furthest working slice of the stack, today:
#  1. train a small char-level GPT on Shakespeare on the host and sample from it;
#  2. boot our OS (kernel, libc, user programs and the Python runtime, all
#     built by our own C compiler, assembler and linker) from an SD image in
#     the emulator, to a shell; there, our Python runs a GPT-2 forward pass
#     with ml/ from the SD card (it prints the same logits as CPython).
# On a terminal the shell is yours (type `exit` to leave); otherwise a short
# scripted session runs.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== 1/2: training a char-level GPT on Shakespeare (ml/, numpy backend) =="
make -s demo-ml

echo
echo "== 2/2: booting the bits2gpt OS in the emulator (try: python, ls /ml) =="
if [ -t 0 ]; then
  exec make -s boot-python
fi
# The console reads lines of at most 255 bytes: the script is written a line
# at a time. The forward pass takes about 3 G emulated instructions.
cat <<'SESSION' | make -s boot-python
echo hello from user space
ls /bin
echo "from ml import tensor as nd" > gpt.py
echo "from ml.gpt2 import GPT, GPTConfig" >> gpt.py
echo "cfg = GPTConfig(vocab_size=32, block_size=4, n_layer=1, n_head=2, n_embd=8)" >> gpt.py
echo "model = GPT(cfg, seed=0, backend='python')" >> gpt.py
echo "logits, _ = model.forward(nd.array([[1, 5, 9, 2]], dtype=nd.INT32))" >> gpt.py
echo "print('GPT-2 next-token logits:', [round(v, 3) for v in logits.data.tolist()[0][-1][:5]])" >> gpt.py
python gpt.py
ps
exit 0
SESSION
