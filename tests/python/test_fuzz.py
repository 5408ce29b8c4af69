"""Bounded-time fuzzing: random bytes and mutated versions of the test
scripts must never crash the interpreter.  Every run must end with exit
status 0 (ran), 1 (uncaught exception or syntax error, reported on stderr)
or be stopped by our timeout (a mutated loop may legitimately spin)."""
import glob
import os
import random
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = sorted(glob.glob(os.path.join(HERE, "scripts", "*.py")))
TOKENS = [b"(", b")", b"[", b"]", b"{", b"}", b":", b",", b"=", b"\n", b"    ", b"\t", b"'", b'"', b'"""',
          b"def ", b"class ", b"lambda", b"yield", b"return", b"*", b"**", b".", b"\\", b"#", b"f'{", b"}'",
          b"0x", b"1e", b"9" * 30, b"None", b"import ", b"from ", b"@", b"async ", b"\xff", b"\xc3", b"\x00"]


def mutate(rng, src):
    data = bytearray(src)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(4)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:
            del data[pos:pos + rng.randint(1, 20)]
        elif op == 1:
            data[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and data:
            other = rng.randrange(len(data))
            data[pos:pos] = data[other:other + rng.randint(1, 40)]
        else:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(data)


def check(pyrt, path, budget):
    try:
        proc = subprocess.run([pyrt, path], capture_output=True, timeout=budget, stdin=subprocess.DEVNULL,
                              cwd=os.path.dirname(path))
    except subprocess.TimeoutExpired:
        return "timeout"
    assert proc.returncode in (0, 1, 2, 3), (path, proc.returncode, proc.stderr[-500:])
    if proc.returncode == 1:
        last = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        assert last and ("Error" in last[0] or "Exception" in last[0] or "Exit" in last[0] or last[0].startswith("KeyboardInterrupt")
                         or ":" in last[0]), (path, proc.stderr[-500:])
    return "ok"


def test_fuzz_random_and_mutated_sources(pyrt, tmp_path):
    rng = random.Random(20261125)
    seeds = [open(p, "rb").read() for p in SEEDS]
    timeouts = 0
    for i in range(240):
        if i % 4 == 0:
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
        elif i % 4 == 1:
            data = b"".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 60)))
        else:
            data = mutate(rng, rng.choice(seeds))
        path = tmp_path / f"case{i}.py"
        path.write_bytes(data)
        if check(pyrt, str(path), 2.0 if timeouts < 5 else 0.5) == "timeout":
            timeouts += 1
