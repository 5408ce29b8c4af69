class Bad:
    def __repr__(self): raise ValueError("no repr")
l = [1, Bad()]
try:
    repr(l)
except ValueError as e:
    print("err", e)
print(l[:1], [l[:1]], {"k": [1]})
d = {"a": Bad()}
try:
    print(d)
except ValueError as e:
    print("err2", e)
print({"x": 1}, [1, [2]])
r = [1]; r.append(r); print(r)
dd = {}; dd["self"] = dd; print(dd)
