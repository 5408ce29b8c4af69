import mods.helper
import mods.helper as h
from mods.helper import twice, VALUE as V
from mods.pkg import greet, VERSION
from mods.pkg.sub.leaf import LEAF
import mods.pkg.sub
from mods.pkg import *
import sys, math as m
print(mods.helper.VALUE, h.twice(21), twice(4), V, greet("bob"), VERSION, LEAF, mods.pkg.sub.LEAF)
print(h is mods.helper, "mods.helper" in sys.modules, m.floor(2.5), __name__)
print(sorted(k for k in dir(mods.pkg) if not k.startswith("_")))
try:
    from mods.helper import missing_name
except ImportError as e:
    print("ImportError", e)
try:
    import mods.nothere
except ModuleNotFoundError as e:
    print(e)

