"""The OS in the emulator: build kernel + user programs + SD image with our
toolchain, boot, drive the shell over the UART and check what comes back.
References: the host's POSIX sh and coreutils for the shell script, Python
for counts, and usertests' own checks for the kernel's system calls."""
import os
import re
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)
from software.kernel import build as os_build  # noqa: E402

EMU = os.path.join(REPO, "build", "emu", "emu")
TOOLS_SH = os.path.join(REPO, "software", "user", "etc", "tests", "tools.sh")


@pytest.fixture(scope="module")
def image():
    subprocess.run(["make", "-s", "emu"], cwd=REPO, check=True)
    return os_build.build(os.path.join(REPO, "build", "kernel"), with_tests=True)


def boot(image, keys, max_insns=6_000_000_000):
    """Types keys on the console; returns (exit status, console output)."""
    r = subprocess.run([EMU, "--load-addr", "0x40000000", "--max-insns", str(max_insns), image],
                       input=keys.encode(), capture_output=True, timeout=300)
    return r.returncode, r.stdout.decode(errors="replace")


def test_boots_to_shell_and_halts_with_exit_status(image):
    status, out = boot(image, "exit 7\n")
    assert "bits2gpt kernel" in out and "$ exit 7" in out
    assert status == 7


def test_usertests_all_pass(image):
    status, out = boot(image, "usertests\nexit $?\n")
    results = re.findall(r"^(ok|FAIL) (\S+)", out, re.M)
    assert not [name for kind, name in results if kind == "FAIL"], out
    names = {name for _, name in results}
    # processes, protection, out of memory, files, pipes, exec, time
    for name in ("fork-wait-exit", "kill-spinning-child", "read-kernel-killed", "write-kernel-killed",
                 "write-code-killed", "write-bad-pointer", "read-into-kernel", "write-bad-length",
                 "exec-bad-argv", "exec-not-elf", "unknown-syscall", "kill-init-refused",
                 "path-too-long", "syscall-grows-stack", "stack-grows-1.5mib",
                 "stack-overflow-killed", "copy-on-write", "sbrk-runs-out", "fork-without-memory", "fork-runs-out",
                 "readdir", "rmdir-not-empty", "pipe-5000-bytes", "exec-echo", "sleep-30ms"):
        assert name in names, out
    assert "usertests: 0 failed" in out
    assert status == 0


def test_shell_script_matches_host_sh(image, tmp_path):
    host = subprocess.run(["sh", TOOLS_SH], cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert host.returncode == 0, host.stderr
    status, out = boot(image, "mkdir /home/w\ncd /home/w\nsh /etc/tests/tools.sh\nexit $?\n")
    ours = out.split("$ sh /etc/tests/tools.sh\n", 1)[1].split("$ exit", 1)[0]
    assert ours == host.stdout
    assert status == 0


def test_wc_and_ls_agree_with_python(image):
    text = "alpha beta\ngamma\n\n  delta  epsilon zeta\n"
    lines = "".join(f"echo {line} >> /home/t.txt\n" for line in text.splitlines())
    status, out = boot(image, lines + "wc /home/t.txt\nls /home /bin/echo\nexit 0\n")
    content = "".join(f"{' '.join(line.split())}\n" for line in text.splitlines())
    expect = f"{content.count(chr(10))} {len(content.split())} {len(content)} /home/t.txt"
    assert expect in out
    assert re.search(r"^ +%d t\.txt$" % len(content), out, re.M)
    size = os.path.getsize(os.path.join(REPO, "build", "kernel", "root", "bin", "echo"))
    assert re.search(r"^ +%d /bin/echo$" % size, out, re.M)


def test_faulting_program_is_killed_and_shell_goes_on(image):
    status, out = boot(image, "usertests crash\necho after $?\nexit 0\n")
    assert re.search(r"pid \d+ \(usertests\): store page fault at pc 0x[0-9a-f]+, address 0x0: killed", out)
    assert "after 139" in out                      # 128 + SIGSEGV
    assert status == 0


def test_errors_from_the_shell(image):
    status, out = boot(image, "nosuch\necho s $?\ncd /nowhere\necho s $?\ncat /none\necho s $?\n"
                       "echo x |\necho s $?\nexit 0\n")
    assert "sh: nosuch: not found\n" in out and "s 127" in out
    assert "sh: cd: /nowhere: cannot go there" in out and "cat: cannot open /none" in out
    assert out.count("s 1\n") == 2 and "sh: syntax error" in out and "s 2\n" in out


def test_line_discipline_backspace_ctrl_c_ctrl_d(image):
    # ^C kills the spinning program (status 130 = 128 + SIGINT), backspace
    # erases, ^D on an empty line ends the shell and so the system.
    status, out = boot(image, "usertests spin\n\x03echo after $?\necho abX\x7fc\n\x04")
    assert "^C\n" in out and "after 130" in out
    assert "abX\b \bc\nabc\n" in out
    assert status == 0


def test_background_job_ps_and_kill(image):
    status, out = boot(image, "usertests spin &\nps\nkill 3\nps\nexit 0\n")
    first, second = out.split("$ kill 3", 1)
    assert re.search(r"^\[3\]$", first, re.M) and re.search(r"^3 2 R usertests$", first, re.M)
    assert re.search(r"^1 0 S init$", first, re.M) and re.search(r"^2 1 S sh$", first, re.M)
    assert re.search(r"^2 1 S sh$", second, re.M) and not re.search(r"^3 2 R", second, re.M)
    assert status == 0


def test_sd_card_boot_writes_a_volume_fsck_and_mtools_accept(image, tmp_path):
    # Boot from the SD card model (sim/emu/sdctl.c over sim/sdcard), write
    # through the kernel, then let dosfstools and mtools judge the image.
    card = tmp_path / "sd.img"
    card.write_bytes(open(os.path.join(REPO, "build", "kernel", "sd.img"), "rb").read())
    keys = ("mkdir /home/docs\necho first line > /home/docs/notes.txt\n"
            "echo second line >> /home/docs/notes.txt\ncp /etc/tests/tools.sh /home/t.sh\n"
            "rm /home/t.sh\ncat /home/docs/notes.txt\nexit 0\n")
    r = subprocess.run([EMU, "--max-insns", "6000000000", "--sd", str(card),
                        os.path.join(REPO, "build", "kernel", "kernel.elf")],
                       input=keys.encode(), capture_output=True, timeout=300)
    out = r.stdout.decode(errors="replace")
    assert "disk: SD card" in out and r.returncode == 0, out
    fsck = subprocess.run(["fsck.fat", "-n", str(card)], capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr
    mtype = subprocess.run(["mtype", "-i", str(card), "::/home/docs/notes.txt"], capture_output=True, text=True)
    assert mtype.stdout == "first line\nsecond line\n"
    listing = subprocess.run(["mdir", "-b", "-i", str(card), "::/home"], capture_output=True, text=True)
    assert "docs" in listing.stdout and "t.sh" not in listing.stdout
