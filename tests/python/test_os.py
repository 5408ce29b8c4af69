"""Our runtime on our OS: built by our C compiler, assembler and linker
against our libc (software/python/os_build.py), put on the SD image with the
Python library and ml/, and run from the shell of the OS booted in the
emulator. CPython's run of the same script is the expectation: stdout byte
for byte (captured in a file on the image, then cat), the exit status, and
for a failing script the last line of stderr."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EMU = os.path.join(REPO, "build", "emu", "emu")
sys.path.insert(0, REPO)
from software.python import os_build  # noqa: E402

# On the image: tests/python/scripts in /t, ml_scripts in /m, os_scripts in /o.
TREES = [("t", os.path.join(HERE, "scripts")), ("m", os.path.join(HERE, "ml_scripts")),
         ("o", os.path.join(HERE, "os_scripts"))]
# Left out: floats, ints (billions of emulated instructions: the long test),
# gc_stress (17 billion instructions, and its heap outgrows the 60 MiB the OS
# leaves), recursion (2,500 nested calls: ~4 MiB of C stack with our
# compiler's frames, the OS gives 2 MiB).
QUICK = ["builtins_misc", "classes", "control", "dicts_sets", "errors_runtime", "errors_syntax",
         "exceptions", "functions", "generators", "generators2", "imports", "lists", "misc_features",
         "modules", "more_classes", "programs", "regex", "repr_guard", "stdlib_pure", "stdlib_pure2", "strings",
         "struct_array", "subclass_builtins", "syntax_error", "syntax_error2", "sys_exit", "uncaught",
         "uncaught_custom"]
SLOW = ["floats", "ints"]


@pytest.fixture(scope="module")
def image():
    subprocess.run(["make", "-s", "emu"], cwd=REPO, check=True)
    out = os.path.join(REPO, "build", "python", "rv32")
    return os_build.build(out, trees=TREES, os_out=os.path.join(out, "os-tests"))


def run_on_os(image, runs, max_insns):
    """runs: (folder on the image, script, args). Boots from a copy of the SD
    image (the card model; the RAM disk would leave 26 of the 64 MiB free),
    runs each with stdout to a file, then cats it; returns ({script: (stdout,
    stderr, status)}, instructions retired)."""
    keys = ""
    for folder, script, args in runs:
        out = f"/home/{script}.out"
        keys += (f"cd /{folder}\npython {script}.py {args} > {out}\necho @status $?\n"
                 f"cat {out}\necho @end\n")
    folder = os.path.dirname(image)
    with tempfile.TemporaryDirectory() as tmp:
        card = os.path.join(tmp, "sd.img")
        shutil.copyfile(os.path.join(folder, "sd.img"), card)
        r = subprocess.run([EMU, "--stats", "--sd", card, "--max-insns", str(max_insns),
                            os.path.join(folder, "kernel.elf")],
                           input=(keys + "exit 0\n").encode(), capture_output=True, timeout=3000)
    assert r.returncode == 0, r.stdout.decode(errors="replace")[-3000:]
    console = r.stdout.decode("utf-8", "replace")
    results = {}
    for folder, script, args in runs:
        out = f"/home/{script}.out"
        after = console.split(f"$ python {script}.py {args} > {out}\n", 1)[1]
        stderr, after = after.split("$ echo @status $?\n", 1)
        status = int(re.match(r"@status (\d+)\n", after).group(1))
        stdout = after.split(f"$ cat {out}\n", 1)[1].split("$ echo @end\n", 1)[0]
        results[script] = (stdout, stderr, status)
    insns = int(re.search(r"(\d+) instructions", r.stderr.decode()).group(1))
    return results, insns


def cpython(folder, script, args=""):
    host_dir = dict(TREES)[folder]
    r = subprocess.run([sys.executable, script + ".py"] + args.split(), cwd=host_dir, capture_output=True,
                       timeout=300, env={**os.environ, "PYTHONHASHSEED": "0", "ML_BACKEND": "python"})
    # paths in messages name the image's folder, not the repository's
    return (r.stdout.decode("utf-8", "replace").replace(host_dir, "/" + folder),
            r.stderr.decode("utf-8", "replace"), r.returncode)


def last_line(text):
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def assert_same(ours, expected):
    stdout, stderr, status = ours
    assert stdout == expected[0], stderr[-2000:]
    assert status == expected[2], stderr[-2000:]
    if status != 0:
        assert last_line(stderr) == last_line(expected[1])


@pytest.fixture(scope="module")
def quick_runs(image):
    runs = [("t", name, "") for name in QUICK] + [("m", "tensor_ops", ""), ("o", "gpt_logits", "mini")]
    return run_on_os(image, runs, 40_000_000_000)[0]


@pytest.mark.parametrize("name", QUICK)
def test_script_on_os_matches_cpython(quick_runs, name):
    assert_same(quick_runs[name], cpython("t", name))


def test_ml_tensor_ops_on_os_match_cpython(quick_runs):
    assert_same(quick_runs["tensor_ops"], cpython("m", "tensor_ops"))


def test_gpt2_forward_pass_on_os_gives_cpythons_logits(quick_runs):
    """A 1-layer GPT-2 of 1,176 weights: identical logits, printed with repr."""
    ours = quick_runs["gpt_logits"]
    assert_same(ours, cpython("o", "gpt_logits", "mini"))
    assert ours[0].startswith("(1, 4, 32) 1176\n")


def test_accel_backend_on_os_matches_the_host_model(image):
    """ml's accel backend on our OS (SoCDevice: _accel and the accel_run
    system call) prints the same bits as under CPython on the emulator's
    accelerator model (HostDevice)."""
    results, _ = run_on_os(image, [("o", "accel_ops", "")], 20_000_000_000)
    ours = results["accel_ops"]
    assert_same(ours, cpython("o", "accel_ops"))
    assert int(re.search(r"device: SoC accelerator runs: (\d+)", ours[1]).group(1)) > 0


def test_accel_backend_on_os_splits_long_streams_and_frees_memory(image):
    """Past one run: a matmul, a tanh and a sum of 1,440 to 6,340 commands
    (the driver takes 1,024) run as several pieces each, and a loop whose
    tensors add up to 75 MiB (the OS leaves 60) runs, the runtime's garbage
    collector freeing the dead ones. The same bytes as CPython on the host model."""
    results, _ = run_on_os(image, [("o", "accel_large", "")], 40_000_000_000)
    ours = results["accel_large"]
    assert_same(ours, cpython("o", "accel_large"))
    assert int(re.search(r"runs of 3 large kernels: (\d+)", ours[1]).group(1)) >= 6     # each in pieces


@pytest.mark.long
def test_gpt2_forward_pass_on_os_accel_backend(image):
    """The mini GPT-2 on the accel backend on our OS gives the host model's
    logits bit for bit; prints the instructions its forward pass retired
    beside the pure-Python backend's (the OS clock counts instructions at
    100 MHz) and the accelerator's busy cycles, which the CPU sleeps through."""
    insns, stderr = {}, {}
    for backend in ("accel", "python"):      # one boot each: results are keyed by script
        args = "mini " + backend
        ours = run_on_os(image, [("o", "gpt_logits", args)], 40_000_000_000)[0]["gpt_logits"]
        assert_same(ours, cpython("o", "gpt_logits", args))
        insns[backend] = float(re.search(r"forward seconds: (\S+)", ours[1]).group(1)) * 100e6
        stderr[backend] = ours[1]
    busy = int(re.search(r"accelerator: SoC accelerator runs: \d+ busy cycles: (\d+)", stderr["accel"]).group(1))
    print(f"\nmini GPT-2 forward on the OS: accel backend {insns['accel'] / 1e6:.1f} M instructions "
          f"(+ {busy / 1e6:.2f} M accelerator busy cycles), python backend {insns['python'] / 1e6:.1f} M: "
          f"python / accel = {insns['python'] / insns['accel']:.2f}")


@pytest.mark.long
@pytest.mark.parametrize("name", SLOW)
def test_slow_script_on_os_matches_cpython(image, name):
    results, _ = run_on_os(image, [("t", name, "")], 60_000_000_000)
    assert_same(results[name], cpython("t", name))


@pytest.mark.long
@pytest.mark.timeout(3600)    # ~75 G emulated instructions, most of them the weight init
def test_gpt2_tiny_forward_pass_on_os(image):
    """The host tests' tiny preset (2 layers, 28,576 weights, 8 tokens); prints
    the instructions the forward pass retired, the CPU-alone baseline of
    the accelerator's bench (the OS clock counts retired instructions)."""
    results, insns = run_on_os(image, [("o", "gpt_logits", "tiny")], 400_000_000_000)
    ours = results["gpt_logits"]
    assert_same(ours, cpython("o", "gpt_logits", "tiny"))
    seconds = float(re.search(r"forward seconds: (\S+)", ours[1]).group(1))
    print(f"\ngpt2 tiny forward on the OS: {seconds * 1e8 / 1e9:.2f} G instructions "
          f"(whole boot and run {insns / 1e9:.1f} G)")
