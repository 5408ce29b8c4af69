# small ints, bigints and their operators
a = 12345678901234567890
b = 98765432109876543210
print(a + b, a - b, a * b, b // a, b % a, -b // a, -b % a)
print(2 ** 200, (-3) ** 41, 10 ** 30 // 7, divmod(10 ** 25, 12345))
print(1 << 100, (1 << 100) >> 37, -(1 << 70) >> 3, -1 >> 100)
print(0xFFFFFFFFFFFFFFFF & 0x123456789ABCDEF0F, -5 & 0xFF, -5 | 3, -5 ^ 12, ~(1 << 65))
print(int("-123456789012345678901234567890"), int("ff", 16), int("0x1f", 0), int("0b101", 0), int(" 42 "))
print(hex(255), bin(-10), oct(64), hex(2 ** 70))
print(abs(-2 ** 80), pow(3, 200, 1000007), pow(2, -2), round(12345, -2), round(-2.5), round(3.5))
print((2 ** 64).bit_length(), (255).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "little"))
print(7 // -2, 7 % -2, -7 // -2, -7 % -2, 0 // 5)
x = 1
for i in range(100):
    x = x * 3 + i
print(x, x % 1000000007, str(x)[:20], len(str(x)))
print(hash(5), hash(-1), hash(True), 10 ** 18 + 1 == 10 ** 18 + 1, 2 ** 31 < 2 ** 32)
print(int(3.99), int(-3.99), int(1e20), float(2 ** 60), 2 ** 60 == float(2 ** 60))
print(True + True, True * 10, False - 1, isinstance(True, int))
print(1_000_000, 0o17, 0b1010_1010)
print(sum(range(1000000)))
