from ...helper import VALUE
LEAF = ("leaf", VALUE)
