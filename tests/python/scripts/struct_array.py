import struct
from array import array
print(struct.pack("<i", -2), struct.pack(">H", 258), struct.pack("<d", 1.5), struct.pack("<f", 0.25))
print(struct.unpack("<i", b"\xfe\xff\xff\xff"), struct.unpack(">HH", b"\x01\x02\x03\x04"), struct.calcsize("<iqd"))
print(struct.pack("<3B", 1, 2, 3), struct.unpack("<2h", struct.pack("<2h", -5, 7)), struct.pack("<Q", 2 ** 64 - 1))
print(struct.pack("<4s", b"ab"), struct.unpack("<4s", b"abcd"), struct.unpack_from("<h", b"\x00\x01\x02", 1))
print(struct.unpack("<q", struct.pack("<q", -2 ** 62)), struct.pack("?", True))
try:
    struct.pack("<b", 300)
except struct.error as e:
    print("struct.error", e)
a = array("f", [1.0, 2.5, 3.25])
a.append(4); a.extend([5, 6])
print(a, len(a), a[1], a[-1], a[1:3], a.tolist(), sum(a), a.typecode, a.itemsize)
b = array("d", range(5)); b[0] = 9.5
print(b, b.tobytes()[:8], array("d", b.tobytes()) == b)
i = array("i", [1, -2, 3]); i[1] *= 10
print(i, list(i), i.pop(), i, array("b", [-1, 127]), array("B", b"\x01\xff"))
try:
    array("B", [256])
except OverflowError as e:
    print("OverflowError")
try:
    array("i", [1.5])
except TypeError as e:
    print("TypeError", e)
print(array("i", [3, 1]) + array("i", [2]), array("d", [0.1]) * 2)
print(array("f", [0.1])[0], array("d", [0.1])[0])
