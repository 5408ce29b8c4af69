def risky(n):
    if n == 0: raise ValueError("zero")
    if n == 1: raise TypeError("one")
    if n == 2: return 1 / 0
    if n == 3: return [][1]
    if n == 4: return {}["k"]
    if n == 5: return undefined_name
    if n == 6: return "a" + 1
    if n == 7: return int("x")
    if n == 8: return None.attr
    if n == 9: return (1, 2)[5]
    return "ok"
for i in range(11):
    try:
        print(risky(i))
    except (ValueError, TypeError) as e:
        print("VT", type(e).__name__, e)
    except ZeroDivisionError as e:
        print("Z", e)
    except LookupError as e:
        print("L", type(e).__name__, e)
    except Exception as e:
        print("E", type(e).__name__, e)
    else:
        print("no error")
    finally:
        print("finally", i)
class MyError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise MyError("custom", 42)
except MyError as e:
    print(e, e.code, e.args, repr(e))
try:
    try:
        raise KeyError("inner")
    except KeyError as e:
        raise RuntimeError("outer") from e
except RuntimeError as e:
    print(e, repr(e.__cause__), type(e.__context__).__name__)
def f():
    try:
        return "try"
    finally:
        print("cleanup")
print(f())
def g():
    for i in range(3):
        try:
            if i == 1: continue
            if i == 2: break
            print("body", i)
        finally:
            print("fin", i)
    return "done"
print(g())
def h():
    try:
        raise ValueError
    except ValueError:
        return "handled"
    finally:
        print("h finally")
print(h())
try:
    raise
except RuntimeError as e:
    print("reraise:", e)
def reraiser():
    try:
        1 / 0
    except ZeroDivisionError:
        raise
try:
    reraiser()
except ZeroDivisionError as e:
    print("got", e)
e2 = None
try:
    raise Exception("a", 1)
except Exception as exc:
    e2 = exc
print(e2.args, str(e2))
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("assert:", e)
try:
    assert False
except AssertionError as e:
    print("bare assert:", repr(e))
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError), isinstance(StopIteration(), Exception))
try:
    int("12x")
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    x = 1
    x.foo
except AttributeError as e:
    print(e)
try:
    len(5)
except TypeError as e:
    print(e)
try:
    f(1, 2)
except TypeError as e:
    print(e)
def kw(a, *, b): pass
for call in [lambda: kw(), lambda: kw(1), lambda: kw(1, 2), lambda: kw(1, b=2, c=3)]:
    try:
        call()
    except TypeError as e:
        print(e)
try:
    {}[[1]] = 2
except TypeError as e:
    print(e)
try:
    import nonexistent_module_xyz
except ImportError as e:
    print(type(e).__name__, e)
try:
    raise StopIteration(5)
except StopIteration as e:
    print("value", e.value)
def nested():
    try:
        try:
            raise ValueError("v")
        finally:
            print("inner finally")
    except ValueError:
        print("outer caught")
nested()
try:
    raise ValueError("with") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__)
class E1(Exception): pass
class E2(E1): pass
try:
    raise E2("sub")
except E1 as e:
    print("caught subclass", type(e).__name__)
print(str(ValueError()), repr(ValueError("x", 2)), str(KeyError("k")))
try:
    while True:
        raise GeneratorExit
except BaseException as e:
    print(type(e).__name__)
