print(0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e-5, 123456789.123, 1.5e300 * 1e10)
print(float("inf"), float("-inf"), float("nan"), -0.0, 3.0, 1e22, 1.0e-7)
print(7.5 % 2, -7.5 % 2, 7.5 // -2, divmod(7.5, 2), 2.0 ** 0.5, 10.0 ** -3)
print(round(2.675, 2), round(0.5), round(1.5), round(-0.5), round(3.14159, 3))
print(float("1_000.5"), float(" 3.25 "), int(2.5e3), 1.0 == 1, 0.1 * 3 == 0.3)
print("%.3f %e %g %10.2f|%-8.1f|" % (3.14159, 12345.678, 0.0001234, 2.5, 1.25))
print(f"{3.14159:.2f} {1234567.891:,.2f} {0.25:%} {1e-10:g} {42.0:e} {5.0:08.3f}")
print((1.5).is_integer(), (2.0).is_integer(), (0.75).as_integer_ratio())
print(max(1.5, 2), min(-0.0, 0.0), abs(-2.5), 3 * 1.1)
for v in [1e15, 1e16, 123e-20, 5e-324, 1.7976931348623157e308, 0.30000000000000004]:
    print(v, repr(v), str(v))
import math
print(math.sqrt(2), math.pi, math.e, math.floor(-2.5), math.ceil(2.1), math.log(100, 10))
print(math.sin(1), math.cos(1), math.exp(2), math.log2(1024), math.isnan(float('nan')))
print(math.factorial(25), math.gcd(48, 180), math.isqrt(10 ** 20 + 1), math.inf, math.fsum([0.1] * 10))
print(math.tanh(0.5), math.atan2(1, 2), math.hypot(3, 4), math.copysign(1, -0.0), math.trunc(-7.9))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError", e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print(e)
