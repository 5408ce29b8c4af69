d = {"a": 1, "b": 2}
d["c"] = 3; d["a"] = 10
print(d, len(d), d["b"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
del d["b"]; print(d, d.pop("c"), d, d.pop("nope", None), d.setdefault("n", []), d)
d.update({"x": 1}, y=2); print(d, dict(a=1, b=2), dict([("k", "v")]), dict(zip("ab", [1, 2])))
print({k: v * 2 for k, v in [("a", 1), ("b", 2)]}, {i % 3 for i in range(10)})
e = dict.fromkeys("abc", 0); print(e, e.popitem(), e)
for k in {"z": 1, "y": 2, "x": 3}: print(k, end=" ")
print()
big = {}
for i in range(1000): big[i] = i * i
for i in range(0, 1000, 2): del big[i]
print(len(big), big[999], sum(big.values()), list(big)[:5])
print({1: "a", 1.0: "b", True: "c"}, {(1, 2): "tuple key"}[(1, 2)], {"a": 1} == {"a": 1}, {"a": 1} != {"a": 2})
s = {3, 1, 2}
s.add(4); s.discard(10); s.remove(1)
print(sorted(s), len(s), 2 in s, {1, 2} | {3}, {1, 2} & {2, 3}, {1, 2} - {2}, {1, 2} ^ {2, 3})
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, frozenset([1, 2]) == {1, 2}, set("aab") == {"a", "b"}, set())
print(sorted({1, 2}.union([5], (6,))), {1, 2, 3}.intersection({2, 3, 4}), {1, 2}.isdisjoint({3}))
fs = frozenset([1, 2]); print({fs: "ok"}[frozenset([2, 1])], len(fs))
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e, repr(e))
counts = {}
for w in "the cat the dog the end".split():
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print({**{"a": 1}, "b": 2, **{"a": 3}}, d | {"q": 0} if hasattr(dict, "__or__") else None)
dd = {}
dd.setdefault("l", []).append(1); print(dd)
print(sorted({"b": 1, "a": 2}), max({"x": 5, "y": 9}, key=lambda k: {"x": 5, "y": 9}[k]))
