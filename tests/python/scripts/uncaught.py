def level3(x):
    return {"a": 1}[x]
def level2(x):
    return level3(x) + 1
def level1():
    return level2("missing")
print("before")
level1()
print("not reached")
