from collections import defaultdict, Counter, deque, namedtuple, OrderedDict
from functools import reduce, partial, lru_cache, wraps, cmp_to_key
from itertools import count, chain, islice, product, permutations, combinations, groupby, accumulate, zip_longest
d = defaultdict(list); d["a"].append(1); d["b"]; print(dict(d), d["a"])
c = Counter("mississippi"); print(c.most_common(2), c["s"], c["z"])
q = deque([1, 2]); q.appendleft(0); q.append(3); print(q.popleft(), q.pop(), list(q), len(q))
P = namedtuple("P", "x y"); p = P(1, y=2); print(p, p.x, p[1], tuple(p), p == P(1, 2), p._asdict())
print(reduce(lambda a, b: a * b, range(1, 6)), partial(pow, 2)(10))
@lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
print(list(islice(count(5, 2), 4)), list(chain([1], (2, 3))), list(product("ab", repeat=2)))
print(list(permutations([1, 2, 3], 2)), list(combinations("abcd", 2)))
print([(k, list(g)) for k, g in groupby("aabccc")], list(accumulate([1, 2, 3])), list(zip_longest("ab", "x", fillvalue="-")))
od = OrderedDict(a=1, b=2); od.move_to_end("a"); print(list(od))
