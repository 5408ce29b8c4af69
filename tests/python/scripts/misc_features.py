# assorted language features
x = 10
def outer():
    x = 20
    def inner():
        global x
        x = 30
        return x
    return inner(), x
print(outer(), x)
def make_acc():
    total = 0
    def acc(n):
        nonlocal total
        total += n
        return total
    return acc
a = make_acc(); a(1); a(2); print(a(3))
class Outer:
    class Inner:
        val = 5
    def get(self): return self.Inner.val
print(Outer().get(), Outer.Inner.val, Outer.Inner.__qualname__ if hasattr(Outer.Inner, "__qualname__") else "")
print([(i, j) for i in range(3) for j in range(i)], {i: [j for j in range(i)] for i in range(3)})
print(sorted({c for c in "mississippi"}), [[r * c for c in range(3)] for r in range(2)])
t = 1, 2, 3
print(t, type(t).__name__)
a, (b, c), d = 1, (2, 3), 4; print(a, b, c, d)
for (i, j), k in [((1, 2), 3)]: print(i, j, k)
print(*[1, 2], sep="-", end="!\n")
print("a", "b", sep="")
s = "x"; s *= 3; print(s)
n = 5; n **= 2; n //= 3; n %= 5; n <<= 2; n |= 1; n ^= 3; n &= 0xff; n >>= 1; print(n)
print(not 1 == 2, (1, 2) < (1, 3), [1] * 0, "" or None)
print(1 if [] else 2, 3 if {1} else 4)
l = [3, 1, 2]
print(l.sort() or l, sorted(l, reverse=True))
print(type(lambda: 0).__name__, (lambda: (yield))().__class__.__name__)
def varargs_only(*args): return len(args)
print(varargs_only(*range(100)))
def annotated(a: int, b: "str" = "x") -> bool: return True
print(annotated(1))
v: int = 5
print(v)
w: list
print("annotations ok")
class P:
    __slots__ = ()
    x = 1
print(P.x)
print(divmod(-7, 2), -7 // 2, -7 % 2, 7 // -2)
big = 10 ** 50
print(big // 3, big % 7, -big // 7, str(-big)[:5])
print(isinstance(3, (int, float)), isinstance([], (tuple, list)))
print(hex(id(None))[:2], len(dir(object)) > 0)
print(chr(0x1F600), len(chr(0x1F600)), "\N{LATIN SMALL LETTER A}" if False else "a")
print("tab\there", 'quote\'s', "back\\slash", r"raw\n", b"\x00\xff")
print("""triple
quoted""", '''single
triple''')
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, 1e308 * 10, -1e308 * 10)
print(int("  -17  "), float("  -1.5e3 "), str(-0.0), 5 % -3, -5 % 3)
i = 0
while i < 3:
    i += 1
    try:
        if i == 2: continue
    finally:
        print("fin", i)
print(list(map(lambda *a: a, [1, 2], "ab")))
def g(): return [x for x in range(3)]
print(g(), [x for x in range(3)] == list(range(3)))
print(max([1, 2, 3], default=None), min((), default="empty"))
print("%5.1f%%" % 12.345, "%+d" % 5, "%x" % 255, "%#x" % 255, "%08.3f" % -3.14159, "%-6d|" % 42)
print("{:<5}|{:>5}|{:^5}|".format("a", "b", "c"), "{0:.3e}".format(123456.789), "{:,d}".format(-1234567))
print(f"{'x':*^9}", f"{12:#06x}", f"{-5:+}", f"{3.0:g}", f"{1e20:.2g}", f"{255:08b}")
print(repr(1e-7), repr(123456789012345.0), repr(1.0e16), repr(-2.5e-9), 2.0 ** 0.5 * 2.0 ** 0.5)
