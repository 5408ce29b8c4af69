"""ml/ on our runtime: programs using the tensor library and GPT-2 with the
pure-Python backend must print exactly what CPython prints for them."""
import glob
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = sorted(glob.glob(os.path.join(HERE, "ml_scripts", "*.py")))


def run(cmd, script):
    env = {**os.environ, "ML_BACKEND": "python"}
    return subprocess.run(cmd + [script], capture_output=True, timeout=300, env=env)


@pytest.mark.parametrize("script", SCRIPTS, ids=[os.path.basename(s) for s in SCRIPTS])
def test_ml_program_matches_cpython(pyrt, script):
    expected = run([sys.executable], script)
    actual = run([pyrt], script)
    assert actual.stdout.decode() == expected.stdout.decode(), actual.stderr.decode()[-2000:]
    assert actual.returncode == expected.returncode


@pytest.mark.long
def test_gpt2_training_cli_gives_identical_checkpoint(pyrt, tmp_path):
    """ml.gpt2.train (tiny config, 3 steps) on our runtime writes the same
    checkpoint bytes as under CPython."""
    text = tmp_path / "train.txt"
    text.write_text("hello world, this is a tiny training text.\n" * 50)
    driver = tmp_path / "drive.py"
    driver.write_text(
        "import sys\n"
        "sys.path.insert(0, %r)\n"
        "from ml.gpt2.train import main\n"
        "main(['--config', 'tiny', '--data', %r, '--steps', '3', '--batch', '2', '--backend', 'python',\n"
        "      '--out', sys.argv[1], '--eval-every', '100', '--ckpt-every', '100', '--seed', '1'])\n"
        % (os.path.dirname(os.path.dirname(HERE)), str(text)))
    for exe, out in ((sys.executable, "ref"), (pyrt, "ours")):
        proc = subprocess.run([exe, str(driver), str(tmp_path / out)], capture_output=True, timeout=1200,
                              env={**os.environ, "ML_BACKEND": "python"})
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    ref = (tmp_path / "ref" / "ckpt.safetensors").read_bytes()
    ours = (tmp_path / "ours" / "ckpt.safetensors").read_bytes()
    assert ours == ref
