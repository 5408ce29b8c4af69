#!/usr/bin/env bash
# make demo: the furthest working slice of the stack, today:
#  1. train a small char-level GPT on Shakespeare on the host and sample from it;
#  2. boot our OS (kernel and user programs built by our own C compiler,
#     assembler and linker) from an SD image in the emulator, to a shell.
# On a terminal the shell is yours (type `exit` to leave); otherwise a short
# scripted session runs.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== 1/2: training a char-level GPT on Shakespeare (ml/, numpy backend) =="
make -s demo-ml

echo
echo "== 2/2: booting the bits2gpt OS in the emulator =="
if [ -t 0 ]; then
  exec make -s boot
fi
printf '%s\n' 'echo hello from user space' 'ls /bin' 'cat /etc/tests/tools.sh | wc' 'ps' 'exit 0' |
  make -s boot
