# small complete programs mixing many features
def tokenize(src):
    tokens, i = [], 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            tokens.append(("num", float(src[i:j]) if "." in src[i:j] else int(src[i:j])))
            i = j
        elif c in "+-*/()":
            tokens.append(("op", c))
            i += 1
        else:
            raise SyntaxError("bad char %r at %d" % (c, i))
    return tokens

class Parser:
    def __init__(self, tokens):
        self.tokens, self.pos = tokens, 0
    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)
    def take(self):
        tok = self.peek(); self.pos += 1; return tok
    def expr(self):
        v = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            v = v + self.term() if op == "+" else v - self.term()
        return v
    def term(self):
        v = self.atom()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            r = self.atom()
            v = v * r if op == "*" else v / r
        return v
    def atom(self):
        kind, val = self.take()
        if kind == "num": return val
        if val == "(":
            v = self.expr(); self.take(); return v
        if val == "-": return -self.atom()
        raise SyntaxError("unexpected %r" % (val,))

for text in ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4 - 1", "-(2.5 * 4) + 100", "2 * (3 + (4 - 1)) / 3"]:
    print(text, "=", Parser(tokenize(text)).expr())
try:
    tokenize("1 + $")
except SyntaxError as e:
    print("error:", e)

def primes(limit):
    sieve = [True] * (limit + 1)
    sieve[0:2] = [False, False]
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = [False] * len(sieve[i * i::i])
    return [i for i, p in enumerate(sieve) if p]
ps = primes(200)
print(len(ps), ps[:10], ps[-3:])

def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i, x in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            yield [x] + rest
print(list(permutations([1, 2, 3])), sum(1 for _ in permutations(list(range(6)))))

def memo(fn):
    cache = {}
    def wrapper(*args):
        if args not in cache:
            cache[args] = fn(*args)
        return cache[args]
    wrapper.cache = cache
    return wrapper
@memo
def ways(n, coins):
    if n == 0: return 1
    if n < 0 or not coins: return 0
    return ways(n - coins[0], coins) + ways(n, coins[1:])
print(ways(100, (50, 25, 10, 5, 1)), len(ways.cache))

grid = ["#########", "#S..#...#", "#.#.#.#.#", "#.#...#E#", "#########"]
from_ = {}
start = next((r, c) for r, row in enumerate(grid) for c, ch in enumerate(row) if ch == "S")
queue, seen = [start], {start}
while queue:
    r, c = queue.pop(0)
    if grid[r][c] == "E":
        break
    for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        nr, nc = r + dr, c + dc
        if grid[nr][nc] != "#" and (nr, nc) not in seen:
            seen.add((nr, nc)); from_[(nr, nc)] = (r, c); queue.append((nr, nc))
path, node = [], (r, c)
while node != start:
    path.append(node); node = from_[node]
print("path length", len(path), sorted(seen)[:4])

text = "the quick brown fox jumps over the lazy dog the end"
freq = {}
for word in text.split():
    freq[word] = freq.get(word, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(top, max(freq, key=freq.get), "".join(sorted(set(text.replace(" ", "")))))

class Matrix:
    def __init__(self, rows): self.rows = [list(r) for r in rows]
    def __matmul__(self, other):
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(row, col)) for col in cols] for row in self.rows])
    def __repr__(self): return "Matrix(%r)" % self.rows
m = Matrix([[1, 2], [3, 4]])
print(m @ m, (m @ Matrix([[1, 0], [0, 1]])).rows == m.rows)
print("%.6f" % sum(1 / (k * k) for k in range(1, 10000)))
