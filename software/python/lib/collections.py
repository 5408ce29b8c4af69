"""collections: defaultdict, OrderedDict, Counter, deque, namedtuple."""


class defaultdict(dict):
    def __init__(self, default_factory=None, *args, **kw):
        super().__init__(*args, **kw)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self[key] = self.default_factory()
        return value

    def __repr__(self):
        return 'defaultdict(%r, %s)' % (self.default_factory, dict.__repr__(self))


class OrderedDict(dict):
    def move_to_end(self, key, last=True):
        value = self.pop(key)
        if last:
            self[key] = value
        else:
            items = list(self.items())
            self.clear()
            self[key] = value
            self.update(items)

    def __repr__(self):
        return 'OrderedDict(%r)' % (list(self.items()),) if self else 'OrderedDict()'


class Counter(dict):
    def __init__(self, iterable=None, **kw):
        super().__init__()
        self.update(iterable, **kw)

    def __missing__(self, key):
        return 0

    def update(self, iterable=None, **kw):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self[k] + v
            else:
                for k in iterable:
                    self[k] = self[k] + 1
        for k, v in kw.items():
            self[k] = self[k] + v

    def most_common(self, n=None):
        items = sorted(self.items(), key=lambda kv: -kv[1])
        return items if n is None else items[:n]

    def elements(self):
        for k, v in self.items():
            for _ in range(v):
                yield k

    def total(self):
        return sum(self.values())

    def __repr__(self):
        if not self:
            return 'Counter()'
        return 'Counter({%s})' % ', '.join('%r: %r' % kv for kv in self.most_common())


class deque:
    def __init__(self, iterable=(), maxlen=None):
        self._items = []
        self.maxlen = maxlen
        self.extend(iterable)

    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)

    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()

    def pop(self):
        if not self._items:
            raise IndexError('pop from an empty deque')
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError('pop from an empty deque')
        return self._items.pop(0)

    def extend(self, iterable):
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        for x in iterable:
            self.appendleft(x)

    def rotate(self, n=1):
        if self._items:
            n %= len(self._items)
            self._items[:] = self._items[-n:] + self._items[:-n]

    def clear(self):
        self._items.clear()

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __setitem__(self, i, v):
        self._items[i] = v

    def __bool__(self):
        return bool(self._items)

    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items

    def __repr__(self):
        if self.maxlen is None:
            return 'deque(%r)' % (self._items,)
        return 'deque(%r, maxlen=%d)' % (self._items, self.maxlen)


def namedtuple(typename, field_names, defaults=None):
    """A record class with named fields; instances behave like tuples
    (iteration, indexing, equality, hashing) though they are not tuple subclasses."""
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    fields = tuple(field_names)
    defaults = tuple(defaults or ())

    def __init__(self, *args, **kw):
        values = list(args)
        if len(values) > len(fields):
            raise TypeError('%s() takes %d positional arguments but %d were given' % (typename, len(fields), len(values)))
        for f in fields[len(values):]:
            if f in kw:
                values.append(kw.pop(f))
            elif len(fields) - len(defaults) <= len(values):
                values.append(defaults[len(values) - (len(fields) - len(defaults))])
            else:
                raise TypeError("%s() missing 1 required positional argument: '%s'" % (typename, f))
        if kw:
            raise TypeError("%s() got an unexpected keyword argument '%s'" % (typename, next(iter(kw))))
        object.__setattr__(self, '_values', tuple(values))
        for f, v in zip(fields, values):
            object.__setattr__(self, f, v)

    def __setattr__(self, name, value):
        raise AttributeError("can't set attribute")

    ns = {
        '__init__': __init__,
        '__setattr__': __setattr__,
        '_fields': fields,
        '__iter__': lambda self: iter(self._values),
        '__len__': lambda self: len(fields),
        '__getitem__': lambda self, i: self._values[i],
        '__eq__': lambda self, other: tuple(self) == tuple(other),
        '__lt__': lambda self, other: tuple(self) < tuple(other),
        '__hash__': lambda self: hash(self._values),
        '__repr__': lambda self: '%s(%s)' % (typename, ', '.join('%s=%r' % (f, v) for f, v in zip(fields, self._values))),
        '_asdict': lambda self: dict(zip(fields, self._values)),
        '_replace': lambda self, **kw: cls(*[kw.get(f, v) for f, v in zip(fields, self._values)]),
    }
    cls = type(typename, (), ns)
    return cls
