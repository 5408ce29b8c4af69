"""ed (software/user/ed.c) against GNU ed: the same scripted session on the
same file must print the same lines and save the same bytes."""
import os
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ORIGINAL = "first line\nsecond line\nthird line\n"
SESSION = """2p
$=
a
added after two
and another
.
1,3n
2s/line/LINE/
,s/i/I/g
4c
changed four
.
1d
0a
new first
.
5i
before five
.
,n
w
q
"""


def strip_echo(out, typed):
    """Our console echoes each typed line; drop them (in order) to leave ed's output."""
    pending, lines = typed.splitlines(), []
    for line in out.splitlines():
        if pending and line == pending[0]:
            pending.pop(0)
        else:
            lines.append(line)
    assert not pending, pending
    return lines


def test_scripted_session_matches_gnu_ed(machine, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(ORIGINAL)
    host = subprocess.run(["ed", str(path)], input=SESSION, capture_output=True, text=True, timeout=30)
    assert host.returncode == 0, host.stderr

    m = machine()
    m.write(b"echo first line > /home/notes.txt\necho second line >> /home/notes.txt\n"
            b"echo third line >> /home/notes.txt\n")
    m.write(b"ed /home/notes.txt\n" + SESSION.encode() + b"echo ed $?\n")
    out = m.read_until("ed 0").split("$ ed /home/notes.txt\n", 1)[1].rsplit("$ echo ed $?", 1)[0]
    m.finish()
    assert strip_echo(out, SESSION) == host.stdout.splitlines()
    assert m.file("/home/notes.txt") == path.read_bytes()


def test_errors_print_a_question_mark_and_unsaved_quit_needs_a_second_q(machine):
    m = machine()
    typed = "a\nunsaved\n.\n9p\nx\ns/none/x/\nq\nq\n"
    m.write(b"ed /home/new.txt\n" + typed.encode() + b"echo ed $?\n")
    out = m.read_until("ed 1").split("$ ed /home/new.txt\n", 1)[1].rsplit("$ echo ed $?", 1)[0]
    m.finish()
    host = subprocess.run(["ed", "/nonexistent-dir/new.txt"], input=typed, capture_output=True, text=True)
    assert strip_echo(out, typed) == ["/home/new.txt: No such file or directory", "?", "?", "?", "?"]
    assert host.stdout.count("?") == 4 and host.returncode == 1
    assert m.file("/home/new.txt") is None
