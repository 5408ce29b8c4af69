# A pystone-like mix: records, attribute access, small functions, branches.
class Record:
    def __init__(self, next=None, discr=0, enum=0, intcomp=0, string=""):
        self.next = next
        self.discr = discr
        self.enum = enum
        self.intcomp = intcomp
        self.string = string

    def copy(self):
        return Record(self.next, self.discr, self.enum, self.intcomp, self.string)


GLOBAL_ARRAY = [0] * 51
GLOBAL_GRID = [[0] * 51 for _ in range(51)]


def func1(c1, c2):
    return 0 if c1 != c2 else 1


def func2(s1, s2):
    i = 1
    while i <= 1:
        if func1(s1[i], s2[i + 1]) == 0:
            i += 1
    return s1 > s2


def proc7(a, b):
    return a + b + 2


def proc8(arr, grid, a, b):
    loc = a + 5
    arr[loc] = b
    arr[loc + 1] = arr[loc]
    arr[loc + 30] = loc
    for idx in range(loc, loc + 2):
        grid[loc][idx] = loc
    grid[loc][loc - 1] += 1
    grid[loc + 20][loc] = arr[loc]
    return 5


def proc3(rec, glob):
    if rec is not None:
        rec = glob.next
    glob.intcomp = proc7(10, glob.intcomp)
    return rec


def proc1(rec, glob):
    nxt = rec.next = glob.copy()
    rec.intcomp = 5
    nxt.intcomp = rec.intcomp
    nxt.next = rec.next
    nxt.next = proc3(nxt.next, glob)
    if nxt.discr == 0:
        nxt.intcomp = 6
        nxt.enum = 2 if rec.enum == 1 else 1
        nxt.intcomp = proc7(nxt.intcomp, 10)
    else:
        rec = nxt.copy()
    rec.next = None
    return rec


def main(loops):
    glob = Record(None, 0, 2, 40, "DHRYSTONE PROGRAM, SOME STRING")
    glob.next = Record()
    s1 = "DHRYSTONE PROGRAM, 1'ST STRING"
    s2 = "DHRYSTONE PROGRAM, 2'ND STRING"
    total = 0
    for i in range(loops):
        a, b = 2, 3
        c = proc7(a, b) * b - a
        boolean = not func2(s1, s2)
        while a < b:
            c = 5 * a - b
            c = proc7(a, b)
            a += 1
        total += proc8(GLOBAL_ARRAY, GLOBAL_GRID, a, c)
        proc1(glob, glob)
        if boolean:
            total += 1
        total += glob.intcomp % 7
    return total


print(main(60000))
