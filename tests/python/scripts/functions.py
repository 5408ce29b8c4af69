def f(a, b=2, *args, c=3, d, **kw):
    return (a, b, args, c, d, kw)
print(f(1, d=4), f(1, 2, 3, 4, d=5, e=6), f(*[1, 2], **{"d": 0, "z": 9}))
def g(x, /, y, *, z): return x + y + z
print(g(1, 2, z=3), g(1, y=2, z=3))
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter(); c(); c(); print(c())
total = 0
def add(v):
    global total
    total += v
add(5); add(6); print(total)
print((lambda x, y=1: x * y)(4), (lambda *a: sum(a))(1, 2, 3), list(map(lambda s: s[::-1], ["ab", "cd"])))
def deco(fn):
    def wrapper(*a, **k):
        print("calling", fn.__name__)
        return fn(*a, **k) * 2
    return wrapper
@deco
def double(x): return x + 1
print(double(10))
def deco_args(tag):
    def d(fn):
        def w(*a): return f"<{tag}>{fn(*a)}</{tag}>"
        return w
    return d
@deco_args("b")
@deco_args("i")
def hello(n): return "hi " + n
print(hello("bob"))
def fact(n): return 1 if n <= 1 else n * fact(n - 1)
print(fact(30))
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(15)])
adders = [lambda x, i=i: x + i for i in range(3)]
print([a(10) for a in adders])
def make():
    fns = []
    for i in range(3):
        def h(): return i
        fns.append(h)
    return [fn() for fn in fns]
print(make())
def outer():
    x = "outer"
    def mid():
        def inner(): return x
        return inner()
    return mid()
print(outer())
def defaults(a, b=[]):
    b.append(a)
    return b
print(defaults(1), defaults(2))
def kwonly(*, a=1, b): return a, b
print(kwonly(b=2))
def doc():
    "docstring here"
    return 1
print(doc.__doc__, doc.__name__, fact.__qualname__)
print(callable(fact), callable(3))
def star(*args, **kwargs): return args, sorted(kwargs.items())
print(star(), star(1, *(2, 3), x=1, **{"y": 2}))
def ret_multi(): return 1, 2
a, b = ret_multi(); print(a, b)
sq = lambda: [i * i for i in range(4)]
print(sq())
def rec(n):
    if n == 0: return []
    return [n] + rec(n - 1)
print(rec(5))
