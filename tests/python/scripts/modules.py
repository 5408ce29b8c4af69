import sys, os, time, random
print(type(sys.argv).__name__, len(sys.argv), sys.argv[0].endswith("modules.py"), sys.maxsize > 2 ** 30)
print(isinstance(sys.path, list), "sys" in sys.modules, sys.byteorder)
t0 = time.time(); t1 = time.perf_counter(); time.sleep(0.01)
print(time.time() >= t0, time.perf_counter() - t1 >= 0.005)
random.seed(12345)
a = [random.random() for _ in range(3)]
random.seed(12345)
b = [random.random() for _ in range(3)]
print(a == b, all(0 <= x < 1 for x in a))
random.seed(42)
print(random.random(), random.randint(1, 100), random.randrange(10), random.choice("abcdef"))
l = list(range(10)); random.shuffle(l); print(l)
print(random.getrandbits(40), random.uniform(1, 2), random.sample(range(100), 3))
print(random.randrange(0, 100, 5), random.randint(10 ** 20, 10 ** 21))
d = "pyrt_tmp_dir"
if os.path.exists(d):
    for f in os.listdir(d): os.remove(os.path.join(d, f))
    os.rmdir(d)
os.mkdir(d)
p = os.path.join(d, "a.txt")
with open(p, "w") as f:
    f.write("line one\n")
    f.write("line two\n")
with open(p) as f:
    print(repr(f.read()))
with open(p, "a") as f:
    print("appended", file=f)
with open(p) as f:
    print([line.rstrip() for line in f])
with open(p) as f:
    print(f.readline(), f.readlines())
with open(os.path.join(d, "b.bin"), "wb") as f:
    f.write(bytes(range(5)))
with open(os.path.join(d, "b.bin"), "rb") as f:
    print(f.read())
os.rename(p, os.path.join(d, "c.txt"))
print(sorted(os.listdir(d)), os.path.exists(p), os.path.isdir(d), os.path.basename("/x/y.txt"), os.path.dirname("/x/y.txt"))
print(os.path.splitext("archive.tar.gz"), os.path.join("a", "b", "c"), os.path.split("a/b/c"))
for f in os.listdir(d): os.remove(os.path.join(d, f))
os.rmdir(d)
print(os.path.exists(d), type(os.getcwd()).__name__)
try:
    open("definitely/not/here.txt")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror)
try:
    os.remove("nope_nope")
except OSError as e:
    print(type(e).__name__)
sys.stdout.write("direct write\n")
print("to stderr", file=sys.stderr)
