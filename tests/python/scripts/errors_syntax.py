# syntax errors reported by compile(): type, message, line and offset
sources = [
    "x = (1,\n", "def f(:\n    pass\n", "if x\n    pass\n", "return 5\n", "break\n", "continue\n",
    "  x = 1\n", "def f():\nreturn 1\n", "x = 1 +\n", "for i in range(3) print(i)\n", "1 = x\n", "f() = 3\n",
    "None = 1\n", "x = ]\n", "x = 'abc\n", "x = '''abc\n", "class\n", "def f(a, a): pass\n",
    "def f(a=1, b): pass\n", "f(a=1, 2)\n", "lambda x: (yield)\n" if False else "yield 1\n", "x = 08\n",
    "a b\n", "nonlocal x\n", "def f():\n    global x\n    x = 1\n    nonlocal y\n", "x += 1 = 2\n",
    "try:\n    pass\n", "else:\n    pass\n", "x = {1: }\n", "print('a' 'b' 1)\n", "@\ndef f(): pass\n",
    "x = 1\n  y = 2\n", "def f():\n    x = 1\n   y = 2\n", "(a, b) += 1\n", "del f()\n", "x = $\n",
]
for src in sources:
    try:
        compile(src, "<test>", "exec")
        print("compiled:", repr(src))
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, e.msg if hasattr(e, "msg") else e, e.lineno)
