def sub():
    try:
        x = yield 1
        print("sub got", x)
        yield 2
    except KeyError as e:
        print("sub caught", e)
        yield "recovered"
    return "sub-result"
def main():
    r = yield from sub()
    print("main got", r)
    yield "end"
g = main()
print(next(g), g.send("hello"), g.throw(KeyError("k")), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
def bad():
    yield 1
    next(iter([]))
try:
    list(bad())
except RuntimeError as e:
    print(type(e).__name__, e)
def with_return():
    yield 1
    return 99
it = with_return(); next(it)
try:
    next(it)
except StopIteration as e:
    print("returned", e.value)
def infinite():
    n = 0
    while True:
        n += 1
        yield n
import sys
g = infinite()
print([next(g) for _ in range(5)], sum(x for x in infinite() if x % 2 == 0 and x < 20 or x > 30 and False) if False else 0)
def pipeline(data):
    evens = (x for x in data if x % 2 == 0)
    squares = (x * x for x in evens)
    return list(squares)
print(pipeline(range(10)))
def gen_finally():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")
fin = gen_finally()
for v in fin:
    print("v", v)
    break
print("after break")
fin.close()
gg = gen_finally(); print(next(gg)); gg.close(); print("closed")
def counter():
    i = 0
    while True:
        cmd = yield i
        if cmd == "reset": i = 0
        else: i += 1
c = counter(); next(c)
print(c.send(None), c.send(None), c.send("reset"), c.send(None))
print(type(x for x in []).__name__, list(zip(*[(1, 'a'), (2, 'b')])))
def ranges():
    yield from range(3)
    yield from "ab"
    yield from (i * 10 for i in range(2))
print(list(ranges()))
