/* mod_math.c - the math and random modules */
#include "py.h"
#include <math.h>

static double arg_d(Obj **a, int i) { return as_double(a[i]); }
static Obj *domain(void) { py_raise_type(ValueError, "math domain error"); return NULL; }
static Obj *fl(double v) {
    if (isinf(v)) py_raise_type(OverflowError, "math range error");
    return float_new(v);
}

#define MATH1(name, expr, cond) \
    static Obj *m_##name(int n, Obj **a, Obj *kw) { \
        double x; \
        (void)kw; \
        check_args(#name, n, 1, 1); \
        x = arg_d(a, 0); \
        if (cond) return domain(); \
        return float_new(expr); \
    }
MATH1(sqrt, sqrt(x), x < 0)
MATH1(exp, exp(x), 0)
MATH1(sin, sin(x), isinf(x))
MATH1(cos, cos(x), isinf(x))
MATH1(tan, tan(x), isinf(x))
MATH1(asin, asin(x), x < -1 || x > 1)
MATH1(acos, acos(x), x < -1 || x > 1)
MATH1(atan, atan(x), 0)
MATH1(sinh, sinh(x), 0)
MATH1(cosh, cosh(x), 0)
MATH1(tanh, tanh(x), 0)
MATH1(log2, log2(x), x <= 0)
MATH1(log10, log10(x), x <= 0)
MATH1(log1p, log1p(x), x <= -1)
MATH1(expm1, expm1(x), 0)
MATH1(fabs, fabs(x), 0)
MATH1(erf, erf(x), 0)
MATH1(erfc, erfc(x), 0)
MATH1(lgamma, lgamma(x), 0)
MATH1(degrees, x * 180.0 / 3.14159265358979323846, 0)
MATH1(radians, x * 3.14159265358979323846 / 180.0, 0)

static Obj *m_gamma(int n, Obj **a, Obj *kw) {
    double x;
    (void)kw; check_args("gamma", n, 1, 1);
    x = arg_d(a, 0);
    if (x <= 0 && x == floor(x)) return domain();
    return fl(tgamma(x));
}
static Obj *m_log(int n, Obj **a, Obj *kw) {
    double x, r;
    (void)kw;
    check_args("log", n, 1, 2);
    if (is_int(a[0]) && int_sign(a[0]) > 0 && !IS_SMALL(a[0])) {
        /* log of a huge int: use the bit length to avoid overflow */
        long bits = SMALL_VAL(int_bit_length(a[0]));
        Obj *top = int_binop(OP_RSHIFT, a[0], MK_SMALL(bits > 60 ? bits - 60 : 0));
        r = log(int_to_double(top)) + (bits > 60 ? (bits - 60) * log(2.0) : 0);
    } else {
        x = arg_d(a, 0);
        if (x <= 0) return domain();
        r = log(x);
    }
    if (n == 2) {
        double b = arg_d(a, 1);
        if (b <= 0 || b == 1) { if (b == 1) py_raise_type(ZeroDivisionError, "float division by zero"); return domain(); }
        r /= log(b);
    }
    return float_new(r);
}
static Obj *m_pow(int n, Obj **a, Obj *kw) {
    double x, y;
    (void)kw; check_args("pow", n, 2, 2);
    x = arg_d(a, 0); y = arg_d(a, 1);
    if (x == 0 && y < 0) return domain();
    if (x < 0 && y != floor(y)) return domain();
    return fl(pow(x, y));
}
static Obj *m_atan2(int n, Obj **a, Obj *kw) { (void)kw; check_args("atan2", n, 2, 2); return float_new(atan2(arg_d(a, 0), arg_d(a, 1))); }
static Obj *m_hypot(int n, Obj **a, Obj *kw) {
    double s = 0;
    int i;
    (void)kw;
    for (i = 0; i < n; i++) { double v = arg_d(a, i); s += v * v; }
    return float_new(n == 2 ? hypot(arg_d(a, 0), arg_d(a, 1)) : sqrt(s));
}
static Obj *m_fmod(int n, Obj **a, Obj *kw) {
    double y;
    (void)kw; check_args("fmod", n, 2, 2);
    y = arg_d(a, 1);
    if (y == 0) return domain();
    return float_new(fmod(arg_d(a, 0), y));
}
static Obj *m_copysign(int n, Obj **a, Obj *kw) { (void)kw; check_args("copysign", n, 2, 2); return float_new(copysign(arg_d(a, 0), arg_d(a, 1))); }
static Obj *m_floor(int n, Obj **a, Obj *kw) {
    (void)kw; check_args("floor", n, 1, 1);
    if (is_int(a[0])) return int_norm(a[0]);
    if (TYPE(a[0])->flags & TF_USER) { Obj *m = type_lookup_s(TYPE(a[0]), "__floor__"); if (m) return call1(m, a[0]); }
    return int_from_double(floor(arg_d(a, 0)));
}
static Obj *m_ceil(int n, Obj **a, Obj *kw) {
    (void)kw; check_args("ceil", n, 1, 1);
    if (is_int(a[0])) return int_norm(a[0]);
    if (TYPE(a[0])->flags & TF_USER) { Obj *m = type_lookup_s(TYPE(a[0]), "__ceil__"); if (m) return call1(m, a[0]); }
    return int_from_double(ceil(arg_d(a, 0)));
}
static Obj *m_trunc(int n, Obj **a, Obj *kw) {
    (void)kw; check_args("trunc", n, 1, 1);
    if (is_int(a[0])) return int_norm(a[0]);
    return int_from_double(arg_d(a, 0));
}
static Obj *m_isnan(int n, Obj **a, Obj *kw) { (void)kw; check_args("isnan", n, 1, 1); return BOOL(isnan(arg_d(a, 0))); }
static Obj *m_isinf(int n, Obj **a, Obj *kw) { (void)kw; check_args("isinf", n, 1, 1); return BOOL(isinf(arg_d(a, 0))); }
static Obj *m_isfinite(int n, Obj **a, Obj *kw) { (void)kw; check_args("isfinite", n, 1, 1); return BOOL(isfinite(arg_d(a, 0))); }
static Obj *m_isclose(int n, Obj **a, Obj *kw) {
    double x = arg_d(a, 0), y = arg_d(a, 1);
    Obj *rt = kwarg(kw, "rel_tol"), *at = kwarg(kw, "abs_tol");
    double rel = rt ? as_double(rt) : 1e-9, abs_ = at ? as_double(at) : 0, diff;
    (void)n;
    if (x == y) return True;
    if (isinf(x) || isinf(y)) return False;
    diff = fabs(x - y);
    return BOOL(diff <= fabs(rel * y) || diff <= fabs(rel * x) || diff <= abs_);
}
static Obj *m_factorial(int n, Obj **a, Obj *kw) {
    Obj *r = MK_SMALL(1);
    long k, i;
    (void)kw; check_args("factorial", n, 1, 1);
    if (!is_int(a[0])) py_raise_type(TypeError, "'%s' object cannot be interpreted as an integer", type_name(a[0]));
    k = as_long(a[0]);
    if (k < 0) py_raise_type(ValueError, "factorial() not defined for negative values");
    for (i = 2; i <= k; i++) r = int_binop(OP_MUL, r, MK_SMALL(i));
    return r;
}
static Obj *m_gcd(int n, Obj **a, Obj *kw) {
    Obj *g = MK_SMALL(0);
    int i;
    (void)kw;
    for (i = 0; i < n; i++) {
        Obj *x = a[i], *y = g;
        if (int_sign(x) < 0) x = unary_neg(x);
        while (int_sign(x) != 0) { Obj *t = int_binop(OP_MOD, y, x); y = x; x = t; }
        g = y;
    }
    return g;
}
static Obj *m_isqrt(int n, Obj **a, Obj *kw) {
    Obj *x = a[0], *r, *y;
    (void)kw; check_args("isqrt", n, 1, 1);
    if (int_sign(x) < 0) py_raise_type(ValueError, "isqrt() argument must be nonnegative");
    if (int_sign(x) == 0) return MK_SMALL(0);
    /* Newton iteration from an overestimate */
    r = int_binop(OP_LSHIFT, MK_SMALL(1), MK_SMALL((SMALL_VAL(int_bit_length(x)) + 1) / 2 + 1));
    for (;;) {
        y = int_binop(OP_FLOORDIV, int_binop(OP_ADD, r, int_binop(OP_FLOORDIV, x, r)), MK_SMALL(2));
        if (int_cmp(y, r) >= 0) return r;
        r = y;
    }
}
static Obj *m_comb(int n, Obj **a, Obj *kw) {
    long N, K, i;
    Obj *r = MK_SMALL(1);
    (void)kw; check_args("comb", n, 2, 2);
    N = as_long(a[0]); K = as_long(a[1]);
    if (N < 0 || K < 0) py_raise_type(ValueError, "n must be a non-negative integer");
    if (K > N) return MK_SMALL(0);
    if (K > N - K) K = N - K;
    for (i = 0; i < K; i++) r = int_binop(OP_FLOORDIV, int_binop(OP_MUL, r, MK_SMALL(N - i)), MK_SMALL(i + 1));
    return r;
}
static Obj *m_prod(int n, Obj **a, Obj *kw) {
    Obj *r = kwarg(kw, "start"), *it, *v;
    (void)n;
    if (!r) r = MK_SMALL(1);
    it = get_iter(a[0]);
    while ((v = iter_next(it)) != NULL) r = binop(OP_MUL, r, v);
    return r;
}
static Obj *m_fsum(int n, Obj **a, Obj *kw) {
    /* Neumaier compensated summation */
    double s = 0, c = 0;
    Obj *it, *v;
    (void)n; (void)kw;
    it = get_iter(a[0]);
    while ((v = iter_next(it)) != NULL) {
        double x = as_double(v), t = s + x;
        if (fabs(s) >= fabs(x)) c += (s - t) + x; else c += (x - t) + s;
        s = t;
    }
    return float_new(s + c);
}
static Obj *m_modf(int n, Obj **a, Obj *kw) {
    double ip, fp;
    (void)kw; check_args("modf", n, 1, 1);
    fp = modf(arg_d(a, 0), &ip);
    return tuple_pack(2, float_new(fp), float_new(ip));
}
static Obj *m_frexp(int n, Obj **a, Obj *kw) {
    int e;
    double m;
    (void)kw; check_args("frexp", n, 1, 1);
    m = frexp(arg_d(a, 0), &e);
    return tuple_pack(2, float_new(m), MK_SMALL(e));
}
static Obj *m_ldexp(int n, Obj **a, Obj *kw) { (void)kw; check_args("ldexp", n, 2, 2); return fl(ldexp(arg_d(a, 0), (int)as_long(a[1]))); }

static void fill_math(Obj *d) {
    struct { const char *n; NativeFn f; } fs[] = {
        {"sqrt", m_sqrt}, {"exp", m_exp}, {"sin", m_sin}, {"cos", m_cos}, {"tan", m_tan}, {"asin", m_asin},
        {"acos", m_acos}, {"atan", m_atan}, {"sinh", m_sinh}, {"cosh", m_cosh}, {"tanh", m_tanh},
        {"log", m_log}, {"log2", m_log2}, {"log10", m_log10}, {"log1p", m_log1p}, {"expm1", m_expm1},
        {"fabs", m_fabs}, {"erf", m_erf}, {"erfc", m_erfc}, {"gamma", m_gamma}, {"lgamma", m_lgamma},
        {"degrees", m_degrees}, {"radians", m_radians}, {"pow", m_pow}, {"atan2", m_atan2}, {"hypot", m_hypot},
        {"fmod", m_fmod}, {"copysign", m_copysign}, {"floor", m_floor}, {"ceil", m_ceil}, {"trunc", m_trunc},
        {"isnan", m_isnan}, {"isinf", m_isinf}, {"isfinite", m_isfinite}, {"isclose", m_isclose},
        {"factorial", m_factorial}, {"gcd", m_gcd}, {"isqrt", m_isqrt}, {"comb", m_comb}, {"prod", m_prod},
        {"fsum", m_fsum}, {"modf", m_modf}, {"frexp", m_frexp}, {"ldexp", m_ldexp}, {NULL, NULL}};
    int i;
    for (i = 0; fs[i].n; i++) dict_sets(d, fs[i].n, native_new(fs[i].n, fs[i].f));
    dict_sets(d, "pi", float_new(3.141592653589793));
    dict_sets(d, "e", float_new(2.718281828459045));
    dict_sets(d, "tau", float_new(6.283185307179586));
    dict_sets(d, "inf", float_new(INFINITY));
    dict_sets(d, "nan", float_new(NAN));
}

/* ---- random: Mersenne Twister MT19937, seeded like CPython for int seeds ---- */
static uint32_t mt[624];
static int mti = 625;
static double gauss_next;
static int have_gauss;

static void mt_init(uint32_t s) {
    int i;
    mt[0] = s;
    for (i = 1; i < 624; i++) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    mti = 624;
}
static void mt_init_array(uint32_t *key, int len) {
    int i = 1, j = 0, k;
    mt_init(19650218u);
    for (k = 624 > len ? 624 : len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        i++; j++;
        if (i >= 624) { mt[0] = mt[623]; i = 1; }
        if (j >= len) j = 0;
    }
    for (k = 623; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= 624) { mt[0] = mt[623]; i = 1; }
    }
    mt[0] = 0x80000000u;
}
static uint32_t mt_next(void) {
    uint32_t y;
    if (mti >= 624) {
        int k;
        if (mti == 625) mt_init(5489u);
        for (k = 0; k < 624; k++) {
            y = (mt[k] & 0x80000000u) | (mt[(k + 1) % 624] & 0x7fffffffu);
            mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 ? 0x9908b0dfu : 0);
        }
        mti = 0;
    }
    y = mt[mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}
static double rand_double(void) {
    uint32_t a = mt_next() >> 5, b = mt_next() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}
/* random integer in [0, n) using getrandbits rejection, as CPython's _randbelow */
static Obj *randbelow(Obj *n) {
    long k = SMALL_VAL(int_bit_length(n));
    for (;;) {
        Obj *r = MK_SMALL(0);
        long bits = k, shift = 0;
        /* getrandbits(k): 32-bit words, least significant first */
        if (k <= 32) r = int_from_ll(mt_next() >> (32 - k));
        else {
            while (bits > 0) {
                uint32_t w = mt_next();
                if (bits < 32) w >>= 32 - bits;
                r = int_binop(OP_OR, r, int_binop(OP_LSHIFT, int_from_ll(w), MK_SMALL(shift)));
                shift += 32; bits -= 32;
            }
        }
        if (int_cmp(r, n) < 0) return r;
    }
}
static Obj *r_seed(int n, Obj **a, Obj *kw) {
    Obj *s = n ? a[0] : None;
    uint32_t key[64];
    int len = 0;
    (void)kw;
    if (s == None) s = int_from_ll((long long)(port_time() * 1e6));
    if (TYPE(s) == &StrType) s = int_from_ll(hash(s));
    if (TYPE(s) == &FloatType) s = int_from_ll(hash(s));
    if (!is_int(s)) py_raise_type(TypeError, "The only supported seed types are: None, int, float, str, bytes, and bytearray.");
    if (int_sign(s) < 0) s = unary_neg(s);
    while (int_sign(s) > 0 && len < 64) {
        Obj *lo = int_binop(OP_AND, s, int_from_ll(0xffffffffLL));
        long long v;
        int_to_ll(lo, &v);
        key[len++] = (uint32_t)v;
        s = int_binop(OP_RSHIFT, s, MK_SMALL(32));
    }
    if (len == 0) key[len++] = 0;
    mt_init_array(key, len);
    have_gauss = 0;
    return None;
}
static Obj *r_random(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return float_new(rand_double()); }
static Obj *r_getrandbits(int n, Obj **a, Obj *kw) {
    long k = as_long(a[0]);
    (void)n; (void)kw;
    if (k == 0) return MK_SMALL(0);
    if (k <= 32) return int_from_ll(mt_next() >> (32 - k));
    {
        Obj *r = MK_SMALL(0);
        long shift = 0;
        while (k > 0) {
            uint32_t w = mt_next();
            if (k < 32) w >>= 32 - k;
            r = int_binop(OP_OR, r, int_binop(OP_LSHIFT, int_from_ll(w), MK_SMALL(shift)));
            shift += 32; k -= 32;
        }
        return r;
    }
}
static Obj *r_randrange(int n, Obj **a, Obj *kw) {
    Obj *start, *stop, *step, *width;
    (void)kw;
    check_args("randrange", n, 1, 3);
    if (n == 1) { start = MK_SMALL(0); stop = a[0]; }
    else { start = a[0]; stop = a[1]; }
    step = n > 2 ? a[2] : MK_SMALL(1);
    if (!is_int(start) || !is_int(stop)) py_raise_type(TypeError, "'float' object cannot be interpreted as an integer");
    width = int_binop(OP_SUB, stop, start);
    if (int_sign(step) == 1 && int_cmp(step, MK_SMALL(1)) == 0) {
        if (int_sign(width) <= 0) py_raise_type(ValueError, "empty range for randrange() (%s, %s, %s)", CSTR(repr(start)), CSTR(repr(stop)), CSTR(repr(width)));
        return int_binop(OP_ADD, start, randbelow(width));
    }
    {
        Obj *cnt = int_binop(OP_FLOORDIV, int_binop(OP_SUB, int_binop(OP_ADD, width, step), MK_SMALL(int_sign(step) > 0 ? 1 : -1)), step);
        if (int_sign(cnt) <= 0) py_raise_type(ValueError, "empty range for randrange()");
        return int_binop(OP_ADD, start, int_binop(OP_MUL, step, randbelow(cnt)));
    }
}
static Obj *r_randint(int n, Obj **a, Obj *kw) {
    Obj *args[2];
    check_args("randint", n, 2, 2);
    args[0] = a[0]; args[1] = int_binop(OP_ADD, a[1], MK_SMALL(1));
    return r_randrange(2, args, kw);
}
static Obj *r_choice(int n, Obj **a, Obj *kw) {
    intptr_t len;
    (void)kw; check_args("choice", n, 1, 1);
    len = length(a[0]);
    if (len == 0) py_raise_type(IndexError, "Cannot choose from an empty sequence");
    return getitem(a[0], randbelow(int_from_ll(len)));
}
static Obj *r_shuffle(int n, Obj **a, Obj *kw) {
    List *l = LIST(a[0]);
    int i;
    (void)n; (void)kw;
    for (i = l->len - 1; i > 0; i--) {
        int j = (int)SMALL_VAL(randbelow(MK_SMALL(i + 1)));
        Obj *t = l->items[i]; l->items[i] = l->items[j]; l->items[j] = t;
    }
    return None;
}
static Obj *r_uniform(int n, Obj **a, Obj *kw) {
    double lo = as_double(a[0]), hi = as_double(a[1]);
    (void)n; (void)kw;
    return float_new(lo + (hi - lo) * rand_double());
}
static Obj *r_gauss(int n, Obj **a, Obj *kw) {
    double mu = n > 0 ? as_double(a[0]) : 0, sigma = n > 1 ? as_double(a[1]) : 1, z;
    (void)kw;
    if (have_gauss) { z = gauss_next; have_gauss = 0; }
    else {
        double x2pi = rand_double() * 6.283185307179586, g2rad = sqrt(-2.0 * log(1.0 - rand_double()));
        z = cos(x2pi) * g2rad;
        gauss_next = sin(x2pi) * g2rad;
        have_gauss = 1;
    }
    return float_new(mu + z * sigma);
}
static Obj *r_normalvariate(int n, Obj **a, Obj *kw) {
    double mu = n > 0 ? as_double(a[0]) : 0, sigma = n > 1 ? as_double(a[1]) : 1;
    (void)kw;
    for (;;) {
        double u1 = rand_double(), u2 = 1.0 - rand_double(), z = 1.7155277699214135 * (u1 - 0.5) / u2;
        if (z * z / 4.0 <= -log(u2)) return float_new(mu + z * sigma);
    }
}
static Obj *r_sample(int n, Obj **a, Obj *kw) {
    Obj *pool = list_from_iter(a[0]), *res = list_new(0);
    long k = n > 1 ? as_long(a[1]) : as_long(kwarg(kw, "k")), i;
    int len = LIST(pool)->len;
    if (k < 0 || k > len) py_raise_type(ValueError, "Sample larger than population or is negative");
    for (i = 0; i < k; i++) {
        int j = (int)SMALL_VAL(randbelow(MK_SMALL(len - i)));
        list_append(res, LIST(pool)->items[j]);
        LIST(pool)->items[j] = LIST(pool)->items[len - i - 1];
    }
    return res;
}
static Obj *r_choices(int n, Obj **a, Obj *kw) {
    Obj *res = list_new(0), *kk = kwarg(kw, "k"), *w = n > 1 ? a[1] : kwarg(kw, "weights");
    long k = kk ? as_long(kk) : 1, i, len = (long)length(a[0]);
    if (w && w != None) {
        Obj *wl = list_from_iter(w);
        double total = 0, *cum = gc_malloc(sizeof(double) * (len + 1));
        for (i = 0; i < len; i++) { total += as_double(LIST(wl)->items[i]); cum[i] = total; }
        for (i = 0; i < k; i++) {
            double r = rand_double() * total;
            long lo = 0, hi = len - 1;
            while (lo < hi) { long mid = (lo + hi) / 2; if (r < cum[mid]) hi = mid; else lo = mid + 1; }
            list_append(res, getitem(a[0], MK_SMALL(lo)));
        }
        gc_free(cum);
        return res;
    }
    for (i = 0; i < k; i++) list_append(res, getitem(a[0], MK_SMALL((long)(rand_double() * len))));
    return res;
}

static void fill_random(Obj *d) {
    struct { const char *n; NativeFn f; } fs[] = {
        {"seed", r_seed}, {"random", r_random}, {"getrandbits", r_getrandbits}, {"randrange", r_randrange},
        {"randint", r_randint}, {"choice", r_choice}, {"shuffle", r_shuffle}, {"uniform", r_uniform},
        {"gauss", r_gauss}, {"normalvariate", r_normalvariate}, {"sample", r_sample}, {"choices", r_choices},
        {NULL, NULL}};
    int i;
    for (i = 0; fs[i].n; i++) dict_sets(d, fs[i].n, native_new(fs[i].n, fs[i].f));
}

void math_init(void) {
    native_module("math", fill_math);
    native_module("random", fill_random);
    r_seed(0, NULL, NULL);
}
