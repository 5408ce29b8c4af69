"""Malformed programs: `file:line:col: error: msg`, the source line, a caret, exit 1, no traceback."""
import pytest
from cc_harness import cc

CASES = [
    ("int main(void) { return x; }\n", 1, 25, "'x' undeclared"),
    ("int main(void) {\n  int a = 1\n  return a;\n}\n", 3, 3, "expected ';' before 'return'"),
    ("int f(void) { return 1 +; }\n", 1, 25, "expected expression"),
    ("struct s { int a; };\nint f(struct s v) { return v.b; }\n", 2, 30, "'struct s' has no member named 'b'"),
    ("int main(void) { break; }\n", 1, 18, "break statement not within a loop or switch"),
    ("#if 1\nint x;\n", 1, 2, "unterminated conditional directive"),
    ("#include \"no_such_file.h\"\n", 1, 2, "no_such_file.h: No such file or directory"),
    ("#error stop here\n", 1, 2, "#error stop here"),
    ("int main(void) { goto nowhere; }\n", 1, 23, "label 'nowhere' used but not defined"),
    ("int f(int);\nint g(void) { return f(1, 2); }\n", 2, 23, "too many arguments to function"),
    ("int main(void) { const int c = 1; c = 2; return c; }\n", 1, 35, "assignment of read-only variable 'c'"),
    ("int main(void) { int *p; return *p * p; }\n", 1, 36, "invalid operands to binary * (have 'int' and 'int *')"),
    ("int main(void) { 5 = 3; }\n", 1, 18, "lvalue required as left operand of assignment"),
    ("char *s = \"abc;\n", 1, 11, "unterminated string or character literal"),
    ("int a[2] = {1, 2};\nint main(void) { return a.x; }\n", 2, 27, "request for member 'x' in something not a structure or union"),
    ("int x; int x = 1; int x = 2;\n", 1, 23, "redefinition of 'x'"),
    ("#define F(a, b) a\nint x = F(1);\n", 2, 9, "macro \"F\" passed 1 arguments, but takes 2"),
    ("int main(void) { int v = 1 / 0 + ; }\n", 1, 34, "expected expression"),
    ("int main(void) { switch (1) { default: ; default: ; } }\n", 1, 42, "multiple default labels in one switch"),
    ("int main(void) { int x = @; }\n", 1, 26, "stray '@' in program"),
    ("typedef struct s S;\nS v;\n", 2, 3, "storage size of 'v' isn't known"),
]


@pytest.mark.parametrize("src,line,col,msg", CASES, ids=[c[3][:30] for c in CASES])
def test_diagnostic(tmp_path, src, line, col, msg):
    path = tmp_path / "bad.c"
    path.write_text(src)
    r = cc(["-c", "-o", str(tmp_path / "bad.o"), str(path)], check=False)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    first, source_line, caret = r.stderr.splitlines()[:3]
    assert first == f"{path}:{line}:{col}: error: {msg}", r.stderr
    assert source_line == src.splitlines()[line - 1]
    assert caret == " " * (col - 1) + "^"


def test_warnings_do_not_fail(tmp_path):
    path = tmp_path / "warn.c"
    path.write_text("int main(void) { int *p = 0; char *q = p; return undeclared_fn(q); }\n")
    r = cc(["-S", "-o", str(tmp_path / "warn.s"), str(path)], check=False)
    assert r.returncode == 0
    assert "warning: implicit declaration of function 'undeclared_fn'" in r.stderr
    assert "warning: incompatible pointer types" in r.stderr


def test_bad_option_and_missing_file(tmp_path):
    r = cc(["--bogus", "x.c"], check=False)
    assert r.returncode == 1 and "unrecognized command-line option '--bogus'" in r.stderr
    r = cc([str(tmp_path / "missing.c")], check=False)
    assert r.returncode == 1 and "No such file or directory" in r.stderr
