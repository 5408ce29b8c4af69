class Base:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return "%s(%r)" % (self.__class__.__name__, self.x)
    def __eq__(self, other):
        return type(self) is type(other) and self.x == other.x
    def __lt__(self, other):
        return self.x < other.x
class Child(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def __repr__(self):
        return super().__repr__() + "+" + repr(self.y)
c = Child(1, 2)
print(c, Base(1) == Base(1), Base(1) == Child(1, 0), sorted([Base(3), Base(1)]))
try:
    hash(Base(1))
except TypeError as e:
    print(e)
class Stack(list):
    pass
class Reg:
    instances = {}
    def __new__(cls, name):
        if name in cls.instances:
            return cls.instances[name]
        obj = super().__new__(cls)
        cls.instances[name] = obj
        return obj
    def __init__(self, name):
        self.name = name
print(Reg("a") is Reg("a"), Reg("a") is Reg("b"))
class Desc:
    def __get__(self, obj, typ):
        return "desc:" + (type(obj).__name__ if obj is not None else "class")
    def __set__(self, obj, value):
        obj.__dict__["_v"] = value * 2
class HasDesc:
    d = Desc()
h = HasDesc(); h.d = 5
print(h.d, HasDesc.d, h._v)
class Number:
    def __init__(self, v): self.v = v
    def __add__(self, o): return Number(self.v + (o.v if isinstance(o, Number) else o))
    __radd__ = __add__
    def __iadd__(self, o):
        self.v += o
        return self
    def __index__(self): return self.v
    def __int__(self): return self.v
    def __float__(self): return float(self.v)
    def __str__(self): return "N%d" % self.v
    def __format__(self, spec): return "N<" + format(self.v, spec) + ">"
n = Number(5); n += 2
print(n, 1 + n, n + 1, sum([Number(1), Number(2)], Number(0)), [10, 20, 30, 40, 50, 60, 70, 80][n], int(n), float(n))
print(f"{n:>4}", "{:03d}".format(n), hex(n), bin(Number(3)))
class Cmp:
    def __init__(self, k): self.k = k
    def __eq__(self, o): return self.k == o.k
    def __hash__(self): return hash(self.k)
print(len({Cmp(1), Cmp(1), Cmp(2)}), Cmp(1) in [Cmp(1)], Cmp(1) != Cmp(2))
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq(), list(reversed(Seq())) if hasattr(Seq, "__reversed__") else [x for x in Seq()][::-1])
class Meta(type):
    pass
print(type(int), isinstance(int, type), issubclass(type, object))
class Counter:
    count = 0
    @classmethod
    def inc(cls):
        cls.count += 1
        return cls.count
class Sub(Counter): pass
print(Counter.inc(), Sub.inc(), Sub.inc(), Counter.count, Sub.count)
class WithStatic:
    @staticmethod
    def add(a, b): return a + b
print(WithStatic.add(1, 2), WithStatic().add(3, 4))
class Prop:
    def __init__(self): self._x = 0
    x = property(lambda self: self._x, lambda self, v: setattr(self, "_x", v * 10))
p = Prop(); p.x = 4; print(p.x)
try:
    Prop.__dict__ if False else None
    p.y
except AttributeError as e:
    print(e)
class Ctx:
    def __init__(self, name): self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return False
with Ctx("a") as a, Ctx("b") as b:
    print("body", a, b)
try:
    with Ctx("c"):
        raise ValueError("inside")
except ValueError as e:
    print("propagated", e)
def use_with():
    with Ctx("ret"):
        return "returned"
print(use_with())
for i in range(2):
    with Ctx("loop%d" % i):
        if i == 0: continue
        break
print(getattr(Child, "__name__"), Child.__bases__, Child.__base__, Base.__subclasses__() if False else "")
print(vars(c), c.__dict__ is vars(c))
class A:
    def f(self): return "A.f"
class B(A):
    pass
print(B().f(), B.f(B()), A.f is B.f)
o = object()
try:
    o.attr = 1
except AttributeError as e:
    print(e)
class Abstract:
    def area(self): raise NotImplementedError("subclass must implement")
try:
    Abstract().area()
except NotImplementedError as e:
    print(type(e).__name__, e)
class Str2:
    def __repr__(self): return "R"
print(str(Str2()), repr(Str2()), [Str2()], "%s %r" % (Str2(), Str2()), f"{Str2()!r} {Str2()}")
