for i in range(3):
    if i == 5: break
else:
    print("no break")
for i in range(10):
    if i == 3: break
else:
    print("not printed")
print("i =", i)
n = 0
while n < 5:
    n += 1
    if n == 2: continue
    print("n", n)
else:
    print("while else")
x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0, 0 <= x <= 4)
print("yes" if x else "no", x and 0, x or 0, not x, None or [] or "last")
if x > 3 and x < 10: print("in range")
elif x > 10: print("big")
else: print("small")
s = 0
for i in range(100):
    if i % 2: continue
    if i > 50: break
    s += i
print(s)
del x
try:
    print(x)
except NameError as e:
    print(e)
a = b = c = 7; print(a, b, c)
a, b = b, a + 1; print(a, b)
lst = [1, 2, 3]
i = 0
lst[i], i = 10, 2
print(lst, i)
for k, v in {"a": 1}.items(): print(k, v)
for i, (a, b) in enumerate([(1, 2), (3, 4)]): print(i, a, b)
if (n := 10) > 5: print("walrus", n)
print([y for x in range(3) if (y := x * 2) > 0])
pass
count = 0
while True:
    count += 1
    if count >= 3: break
print(count)
print(type(...).__name__, ... is Ellipsis)
val = 3
match_like = {1: "one", 3: "three"}.get(val, "other"); print(match_like)
def early(v):
    for x in range(10):
        if x == v: return x * 10
    return -1
print(early(4), early(20))
