def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count(5)), sum(count(101)))
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None: break
        received.append(x)
    return received
g = echo(); print(next(g), g.send("a"), g.send("b"))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
def inner():
    yield 1
    yield 2
    return "inner done"
def outer():
    r = yield from inner()
    yield r
    yield from [10, 20]
print(list(outer()))
gen = (x * x for x in range(6) if x % 2)
print(next(gen), list(gen))
def fibs():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fibs()
print([next(f) for _ in range(15)])

def take(n, it):
    out = []
    for x in it:
        if len(out) >= n: break
        out.append(x)
    return out
print(take(5, fibs()))
def gen_exc():
    try:
        yield 1
        yield 2
    except ValueError as e:
        yield "caught " + str(e)
    finally:
        print("gen cleanup")
g = gen_exc(); print(next(g), g.throw(ValueError("boom")))
g.close()
def closing():
    try:
        yield 1
    finally:
        print("closed")
c = closing(); next(c); c.close()
print(list(zip(count(3), "abc")), dict(enumerate(count(3))))
def flatten(x):
    for item in x:
        if isinstance(item, list): yield from flatten(item)
        else: yield item
print(list(flatten([1, [2, [3, [4, 5]], 6]])))
it = iter([1, 2, 3]); print(next(it), next(it), next(it), next(it, "end"))
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0: raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(4)), sorted(Countdown(3)))
print(sum(x for x in range(10)), max(len(w) for w in ["a", "abc"]), "".join(c.upper() for c in "abc"))
def g2():
    yield
print(list(g2()), type(g2()).__name__)
def lazy():
    print("started")
    yield 1
l = lazy(); print("before"); print(next(l))
