#include "../check.h"
#include <float.h>

static double half(double x) { return x / 2; }
static float fma3(float a, float b, float c) { return a * b + c; }
static double mixed(int i, float f, double d, long long ll) { return i + f + d + ll; }
float gf = 1.5f;
double gd = -2.25;
double table[] = {0.5, 1e10, -0.0};

int main(void) {
    double d = 3.0;
    ASSERT(half(d) == 1.5);
    ASSERT(fma3(2.0f, 3.5f, 1.0f) == 8.0f);
    ASSERT(mixed(1, 2.5f, 3.25, 4) == 10.75);
    float f = 0.1f;
    ASSERT(f != 0.1);                       /* float rounding is visible in double */
    ASSERT((double)f == 0.100000001490116119384765625);
    ASSERT(gf + gd == -0.75 && table[1] == 1e10);
    int i = (int)-3.99;
    ASSERT(i == -3);
    unsigned u = (unsigned)4e9;
    ASSERT(u == 4000000000u);
    long long ll = (long long)-1e15;
    ASSERT(ll == -1000000000000000LL);
    ASSERT((double)(1LL << 53) == 9007199254740992.0);
    ASSERT((float)16777217 == 16777216.0f);  /* ties to even */
    ASSERT(1.0 / 3 < 0.34 && 1.0 / 3 > 0.33 && 2.0 >= 2.0 && 2.0 <= 2.0);
    double zero = 0.0;
    double nan = zero / zero;
    ASSERT(nan != nan && !(nan < 1) && !(nan >= 1) && !(nan == nan));
    double inf = 1 / zero;
    ASSERT(inf > DBL_MAX && -inf < -DBL_MAX);
    ASSERT(-d == -3.0 && -(-d) == 3.0);
    f = 1.0f;
    f += 0.5f;
    f *= 4;
    ASSERT(f == 6.0f);
    d = 1;
    for (int k = 0; k < 10; k++) d *= 1.5;
    ASSERT(d > 57.66 && d < 57.67);
    ASSERT(FLT_EPSILON > 0 && DBL_MIN > 0);
    double one = 1.0;                        /* folded constants agree with run-time results */
    ASSERT(1.0 / 3 == one / 3 && 0.1f * 3 == (float)(one / 10) * 3 && 1e300 * 1e10 == inf);
    _Bool b = 0.5;
    ASSERT(b == 1);
    ASSERT(nan ? 1 : 0);
    unsigned char uc = 200.7;
    ASSERT(uc == 200);
    PASS();
}
