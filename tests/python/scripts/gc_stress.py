# lots of garbage and cycles; results must stay correct across collections
class Node:
    def __init__(self, v):
        self.v = v
        self.other = None
total = 0
keep = []
for i in range(200000):
    a = Node(i)
    b = Node(-i)
    a.other = b
    b.other = a
    if i % 1000 == 0:
        keep.append(a)
    total += a.v + b.other.v
print(total, len(keep), sum(k.other.v for k in keep))
s = ""
for i in range(20000):
    s += str(i % 10)
print(len(s), s[-10:])
d = {}
for i in range(100000):
    d[str(i)] = [i] * 3
print(len(d), d["99999"], sum(len(v) for v in d.values()))
big = [list(range(100)) for _ in range(2000)]
print(sum(map(sum, big)))
def gen():
    for i in range(100000):
        yield (i, str(i))
print(sum(len(s) for i, s in gen()))
x = 1
for i in range(2000):
    x *= 7
print(x % 1000003)
