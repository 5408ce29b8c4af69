/* sscanf: the common conversions, widths, suppression and failures. */
#include <stdio.h>

int main(void)
{
    int a = -1, b = -1, n = -1;
    unsigned u = 0;
    long l = 0;
    long long ll = 0;
    double d = 0, e = 0;
    float f = 0;
    char s[32] = "", t[32] = "", c[4] = "";
    short h = 0;
    int r;
    r = sscanf("42 -17", "%d %d", &a, &b);
    printf("%d %d %d\n", r, a, b);
    r = sscanf("  0x1f 017 99", "%i %i %u", &a, &b, &u);
    printf("%d %d %d %u\n", r, a, b, u);
    r = sscanf("3.25 -1e-3 2.5", "%lf %lg %f", &d, &e, &f);
    printf("%d %.17g %.17g %g\n", r, d, e, f);
    r = sscanf("hello world", "%s %5s", s, t);
    printf("%d [%s] [%s]\n", r, s, t);
    r = sscanf("abcdef", "%3s%n", s, &n);
    printf("%d [%s] %d\n", r, s, n);
    r = sscanf("key=value;rest", "%[a-z]=%[^;]", s, t);
    printf("%d [%s] [%s]\n", r, s, t);
    r = sscanf("xyz", "%2c", c);
    printf("%d [%.2s]\n", r, c);
    r = sscanf("12 34", "%*d %d", &a);
    printf("%d %d\n", r, a);
    r = sscanf("123456", "%2d%3d", &a, &b);
    printf("%d %d %d\n", r, a, b);
    r = sscanf("9223372036854775807 -5 70000", "%lld %ld %hd", &ll, &l, &h);
    printf("%d %lld %ld %d\n", r, ll, l, h);
    r = sscanf("ff 777", "%x %o", &a, &b);
    printf("%d %d %d\n", r, a, b);
    r = sscanf("abc", "%d", &a);
    printf("%d\n", r);
    r = sscanf("", "%d", &a);
    printf("%d\n", r);
    r = sscanf("7 apples", "%d apples%n", &a, &n);
    printf("%d %d %d\n", r, a, n);
    r = sscanf("50%", "%d%%", &a);
    printf("%d %d\n", r, a);
    r = sscanf("1,2", "%d;%d", &a, &b);
    printf("%d %d\n", r, a);
    r = sscanf("5 6", "%d %", &a);      /* malformed format: no crash */
    printf("%d %d\n", r, a);
    r = sscanf("5", "%d%", &a);
    printf("%d %d\n", r, a);
    return 0;
}
