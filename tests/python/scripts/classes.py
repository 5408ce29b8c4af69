class Animal:
    kind = "animal"
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self): return f"{self.name} makes a sound"
    def __repr__(self): return f"{type(self).__name__}({self.name!r})"
    def __str__(self): return self.name
class Dog(Animal):
    def speak(self): return super().speak() + " (woof)"
class Puppy(Dog):
    def speak(self): return "tiny " + super().speak()
p = Puppy("rex")
print(p, repr(p), p.speak(), p.kind, Animal.count, isinstance(p, Animal), issubclass(Puppy, Dog))
print(Puppy.__mro__, Puppy.__name__, type(p) is Puppy, p.__class__.__name__)
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
class Vec:
    def __init__(self, x, y): self.x, self.y = x, y
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o): return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k): return Vec(self.x * k, self.y * k)
    def __rmul__(self, k): return self * k
    def __neg__(self): return Vec(-self.x, -self.y)
    def __eq__(self, o): return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __lt__(self, o): return (self.x, self.y) < (o.x, o.y)
    def __len__(self): return 2
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __iter__(self): yield self.x; yield self.y
    def __repr__(self): return f"Vec({self.x}, {self.y})"
    def __bool__(self): return bool(self.x or self.y)
    def __call__(self, k): return self.x * k
    def __contains__(self, v): return v in (self.x, self.y)
v = Vec(1, 2)
print(v + Vec(3, 4), v - v, v * 3, 3 * v, -v, v == Vec(1, 2), v != Vec(0, 0), len(v), v[1], list(v))
print(sorted([Vec(2, 1), Vec(1, 5)]), {v: 1}[Vec(1, 2)], bool(Vec(0, 0)), v(10), 2 in v, 7 in v)
x, y = v; print(x, y)
class Temp:
    def __init__(self): self._c = 0
    @property
    def c(self): return self._c
    @c.setter
    def c(self, v):
        if v < -273: raise ValueError("too cold")
        self._c = v
    @staticmethod
    def unit(): return "C"
    @classmethod
    def make(cls, v):
        t = cls(); t.c = v; return t
t = Temp.make(25); print(t.c, Temp.unit(), t.unit())
try:
    t.c = -300
except ValueError as e:
    print("error:", e)
class Counter:
    def __init__(self): self.items = {}
    def __getitem__(self, k): return self.items.get(k, 0)
    def __setitem__(self, k, v): self.items[k] = v
    def __delitem__(self, k): del self.items[k]
cn = Counter(); cn["a"] += 2; cn["b"] = 1; del cn["b"]; print(cn["a"], cn["b"], cn.items)
class Dyn:
    def __getattr__(self, name): return name.upper()
print(Dyn().hello, getattr(Dyn(), "x"), hasattr(p, "name"), hasattr(p, "nope"))
class Ctx:
    def __enter__(self): print("enter"); return self
    def __exit__(self, t, v, tb): print("exit", t.__name__ if t else None); return True
with Ctx() as cx:
    print("inside")
    raise KeyError("swallowed")
print("after with")
class Slots:
    pass
o = Slots(); o.a = 1; setattr(o, "b", 2); print(o.a, getattr(o, "b"), vars(o)); delattr(o, "a"); print(vars(o))
class Meta_like:
    registry = []
    def __init_subclass__(cls, **kw):
        Meta_like.registry.append(cls.__name__)
class P1(Meta_like): pass
class P2(Meta_like): pass
print(Meta_like.registry)
class Node:
    def __init__(self, v, nxt=None): self.v, self.nxt = v, nxt
head = None
for i in range(5): head = Node(i, head)
vals = []
while head: vals.append(head.v); head = head.nxt
print(vals)
print(type(3), type("s"), type([]), type(None), type(Animal), int.__name__)
class WithClassAttr:
    items = [1, 2]
    doubled = [i * 2 for i in items]
print(WithClassAttr.doubled)
