"""functools: reduce, partial, wraps, lru_cache, cmp_to_key, total_ordering."""


def reduce(function, iterable, *initial):
    it = iter(iterable)
    if initial:
        value = initial[0]
    else:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError('reduce() of empty iterable with no initial value')
    for element in it:
        value = function(value, element)
    return value


class partial:
    def __init__(self, func, *args, **keywords):
        self.func, self.args, self.keywords = func, args, keywords

    def __call__(self, *args, **keywords):
        kw = dict(self.keywords)
        kw.update(keywords)
        return self.func(*self.args, *args, **kw)


def wraps(wrapped):
    def decorate(wrapper):
        for name in ('__name__', '__qualname__', '__doc__'):
            try:
                setattr(wrapper, name, getattr(wrapped, name))
            except AttributeError:
                pass
        wrapper.__wrapped__ = wrapped
        return wrapper
    return decorate


def lru_cache(maxsize=128):
    def decorate(fn):
        cache = {}

        def wrapper(*args, **kw):
            key = args + tuple(sorted(kw.items())) if kw else args
            if key in cache:
                return cache[key]
            value = fn(*args, **kw)
            if maxsize is not None and len(cache) >= maxsize:
                del cache[next(iter(cache))]
            cache[key] = value
            return value
        wrapper.cache_clear = cache.clear
        return wraps(fn)(wrapper)
    if callable(maxsize):
        fn, maxsize = maxsize, 128
        return decorate(fn)
    return decorate


def cache(fn):
    return lru_cache(None)(fn)


def cmp_to_key(mycmp):
    class K:
        __slots__ = ('obj',)

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0
    return K


def total_ordering(cls):
    d = cls.__dict__
    if '__lt__' in d:
        cls.__gt__ = lambda a, b: b < a
        cls.__le__ = lambda a, b: not b < a
        cls.__ge__ = lambda a, b: not a < b
    elif '__gt__' in d:
        cls.__lt__ = lambda a, b: b > a
        cls.__le__ = lambda a, b: not a > b
        cls.__ge__ = lambda a, b: not b > a
    return cls
