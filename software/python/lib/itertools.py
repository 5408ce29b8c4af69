"""itertools: the common iterator building blocks, as generators."""


def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step


def cycle(iterable):
    saved = list(iterable)
    while saved:
        for x in saved:
            yield x


def repeat(obj, times=None):
    if times is None:
        while True:
            yield obj
    for _ in range(times):
        yield obj


def chain(*iterables):
    for it in iterables:
        yield from it


chain.from_iterable = lambda iterables: (x for it in iterables for x in it)


def islice(iterable, *args):
    s = slice(*args)
    start, stop, step = s.start or 0, s.stop, s.step or 1
    for i, x in enumerate(iterable):
        if stop is not None and i >= stop:
            return
        if i >= start and (i - start) % step == 0:
            yield x


def accumulate(iterable, func=None, initial=None):
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for x in it:
        total = func(total, x) if func else total + x
        yield total


def takewhile(pred, iterable):
    for x in iterable:
        if not pred(x):
            return
        yield x


def dropwhile(pred, iterable):
    it = iter(iterable)
    for x in it:
        if not pred(x):
            yield x
            break
    yield from it


def zip_longest(*iterables, fillvalue=None):
    its = [iter(it) for it in iterables]
    while True:
        row, alive = [], False
        for it in its:
            try:
                row.append(next(it))
                alive = True
            except StopIteration:
                row.append(fillvalue)
        if not alive:
            return
        yield tuple(row)


def product(*iterables, repeat=1):
    pools = [tuple(p) for p in iterables] * repeat
    result = [()]
    for pool in pools:
        result = [r + (x,) for r in result for x in pool]
    for r in result:
        yield r


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    for idx in product(range(n), repeat=r):
        if len(set(idx)) == r:
            yield tuple(pool[i] for i in idx)


def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    for idx in permutations(range(n), r):
        if list(idx) == sorted(idx):
            yield tuple(pool[i] for i in idx)


def groupby(iterable, key=None):
    keyfunc = key or (lambda x: x)
    group, current, first = [], None, True
    for x in iterable:
        k = keyfunc(x)
        if first or k != current:
            if not first:
                yield current, iter(group)
            group, current, first = [], k, False
        group.append(x)
    if not first:
        yield current, iter(group)


def starmap(func, iterable):
    for args in iterable:
        yield func(*args)


def tee(iterable, n=2):
    items = list(iterable)
    return tuple(iter(items) for _ in range(n))
