# error messages of common runtime errors, compared with CPython
cases = [
    "1 + 'a'", "'a' + 1", "[1] + (2,)", "None()", "len(3)", "int('x1')", "float('abc')",
    "[].pop()", "[1, 2][5]", "(1,)[3]", "{}['k']", "'abc'[10]", "1 / 0", "1 // 0", "1 % 0", "1.0 / 0",
    "undefined_thing", "None.foo", "(1).foo", "'s'.nope", "int.nope", "[].sort(1)",
    "dict(1)", "list(5)", "iter(5)", "next(iter([]))", "hash([])", "{[1]: 2}", "set([[1]])",
    "abs('x')", "-'x'", "~1.5", "'a' < 1", "[1] < 'a'", "sorted([1, 'a'])", "max([])", "min(1)",
    "chr(-1)", "ord('ab')", "range(1.5)", "range(0, 10, 0)", "'x' * 'y'", "[1, 2, 3].index(9)",
    "'abc'.index('z')", "(1, 2).index(5)", "[].remove(1)", "{1}.remove(2)", "int(None)",
    "f(1)", "g(1, 2, 3)", "g()", "g(1, b=2, c=3)", "h(1, 2)", "h(a=1)", "k(1, z=2)",
    "object().x", "setattr(1, 'x', 2)", "a, b = [1, 2, 3]", "a, b, c = [1]", "x, *y, z = [1]",
    "'%d' % 'x'", "'%s %s' % (1,)", "'%s' % (1, 2)", "'{} {}'.format(1)", "'{0} {}'.format(1, 2)",
    "{'a': 1}.pop('b')", "import nosuchmodule", "from sys import nosuch", "2 ** -1 % 0",
    "b'a' + 'b'", "bytes('abc')", "bytearray(b'a')[5]", "[1][1.5]", "'abc'[1.5]",
    "str.join(',', [1, 2])", "','.join([1])", "' '.split('')", "int('10', 1)", "round('x')",
    "(lambda x: x)()", "isinstance(1, 2)", "issubclass(1, int)", "super()", "type('x')()",
    "raise_it()", "assert 1 > 2, 'nope'", "del undefined_local", "exec('1 +')",
]
def f(a): return a
def g(a, b=1): return a
def h(*, a): return a
def k(a, **kw): return a
def k(a, *, z=1, **kw): return a
def f(a, b): return a
def raise_it(): raise KeyError("key", 2)
for src in cases:
    try:
        exec(src)
        print("ok", src)
    except Exception as e:
        print(src, "->", type(e).__name__ + ":", e)
