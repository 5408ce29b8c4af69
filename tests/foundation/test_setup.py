"""make setup is idempotent and pins what it installs."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_requirements_are_pinned():
    with open(os.path.join(ROOT, "requirements.txt")) as f:
        lines = [l.split("#")[0].strip() for l in f]
    pins = [l for l in lines if l]
    assert pins, "requirements.txt is empty"
    for line in pins:
        assert "==" in line, f"not pinned: {line}"


def test_setup_again_installs_nothing():
    out = subprocess.run(["bash", "tools/setup.sh"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert "apt installing" not in out.stdout
    assert "creating .venv" not in out.stdout
    assert out.stdout.strip().endswith("setup: done")


def test_yowasp_wrappers_on_path():
    for tool in ("yosys", "nextpnr-ecp5", "ecppack"):
        assert os.access(os.path.join(ROOT, ".venv", "bin", tool), os.X_OK), tool
