class Stack(list):
    def push(self, v): self.append(v)
    def peek(self): return self[-1]
s = Stack([1, 2]); s.push(3)
print(s, len(s), s.peek(), s[0], list(s), s + [4], isinstance(s, list), type(s).__name__, s == [1, 2, 3])
class AttrDict(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)
    def __setattr__(self, k, v): self[k] = v
d = AttrDict(a=1); d.b = 2
print(d, d.a, d.b, len(d), sorted(d.items()), "a" in d)
class Default(dict):
    def __missing__(self, k): return k * 2
print(Default()["ab"], Default(x=1)["x"])
class Tagged(list):
    def __init__(self, tag, items):
        super().__init__(items)
        self.tag = tag
t = Tagged("t", range(3)); print(t, t.tag, sum(t))
class S(set): pass
print(sorted(S([3, 1])), 1 in S([1]))
