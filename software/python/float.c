/* float.c - IEEE double floats and their shortest round-trip repr */
#include "py.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

Obj *float_new(double v) {
    Float *f = gc_new(&FloatType, sizeof(Float));
    f->v = v;
    return (Obj *)f;
}

/* shortest digits that read back as v: digits in out, returns decimal exponent */
static int shortest_digits(double v, char *out) {
    char buf[40];
    int p, exp = 0, n = 0;
    char *e;
    for (p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, v);
        if (strtod(buf, NULL) == v) break;
    }
    e = strchr(buf, 'e');
    exp = atoi(e + 1);
    {
        char *q;
        for (q = buf; q < e; q++) if (*q >= '0' && *q <= '9') out[n++] = *q;
    }
    while (n > 1 && out[n - 1] == '0') n--;
    out[n] = 0;
    return exp;
}

Obj *float_repr_d(double v) {
    char digs[40], buf[64];
    int exp, n, i, k = 0;
    if (isnan(v)) return str_c("nan");
    if (isinf(v)) return str_c(v > 0 ? "inf" : "-inf");
    if (v == 0) return str_c(signbit(v) ? "-0.0" : "0.0");
    if (v < 0) { buf[k++] = '-'; v = -v; }
    exp = shortest_digits(v, digs);
    n = (int)strlen(digs);
    if (exp >= -5 + 1 && exp < 16) {
        if (exp >= 0) {
            for (i = 0; i <= exp; i++) buf[k++] = i < n ? digs[i] : '0';
            buf[k++] = '.';
            if (n > exp + 1) for (i = exp + 1; i < n; i++) buf[k++] = digs[i];
            else buf[k++] = '0';
        } else {
            buf[k++] = '0'; buf[k++] = '.';
            for (i = 0; i < -exp - 1; i++) buf[k++] = '0';
            for (i = 0; i < n; i++) buf[k++] = digs[i];
        }
        buf[k] = 0;
    } else {
        buf[k++] = digs[0];
        if (n > 1) { buf[k++] = '.'; for (i = 1; i < n; i++) buf[k++] = digs[i]; }
        snprintf(buf + k, sizeof buf - k, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    }
    return str_c(buf);
}

/* printf-style formatting used by format specs and % */
void format_double(char *buf, size_t n, double v, char fmt, int prec) {
    char f[16];
    if (isnan(v)) { snprintf(buf, n, "%s", fmt >= 'a' ? "nan" : "NAN"); return; }
    if (isinf(v)) { snprintf(buf, n, "%s%s", v < 0 ? "-" : "", fmt >= 'a' ? "inf" : "INF"); return; }
    snprintf(f, sizeof f, "%%.%d%c", prec, fmt);
    snprintf(buf, n, f, v);
}

static Obj *float_repr(Obj *o) { return float_repr_d(((Float *)o)->v); }

static int to_d(Obj *o, double *d) {
    if (TYPE(o) == &FloatType) { *d = ((Float *)o)->v; return 1; }
    if (is_int(o)) { *d = int_to_double(o); return 1; }
    return 0;
}

static Obj *float_binop(int op, Obj *a, Obj *b) {
    double x, y, r;
    op &= 0xff;
    if (!to_d(a, &x) || !to_d(b, &y)) return NULL;
    switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_SUB: r = x - y; break;
    case OP_MUL: r = x * y; break;
    case OP_TRUEDIV:
        if (y == 0) py_raise_type(ZeroDivisionError, "float division by zero");
        r = x / y; break;
    case OP_FLOORDIV:
        if (y == 0) py_raise_type(ZeroDivisionError, "float floor division by zero");
        {
            double m = fmod(x, y), div = (x - m) / y;
            if (m != 0 && ((y < 0) != (m < 0))) div -= 1.0;
            if (div != 0) { r = floor(div); if (div - r > 0.5) r += 1.0; }
            else r = copysign(0.0, x / y);
        }
        break;
    case OP_MOD:
        if (y == 0) py_raise_type(ZeroDivisionError, "float modulo");
        r = fmod(x, y);
        if (r != 0 && ((y < 0) != (r < 0))) r += y;
        else if (r == 0) r = copysign(0.0, y);
        break;
    case OP_POW:
        if (x == 0 && y < 0) py_raise_type(ZeroDivisionError, "0.0 cannot be raised to a negative power");
        if (x < 0 && y != floor(y)) py_raise_type(ValueError, "math domain error");
        r = pow(x, y);
        if (isinf(r) && !isinf(x) && !isinf(y)) py_raise_type(OverflowError, "(34, 'Numerical result out of range')");
        break;
    default: return NULL;
    }
    return float_new(r);
}

static Obj *float_compare(int op, Obj *a, Obj *b) {
    double x, y;
    if (!to_d(a, &x) || !to_d(b, &y)) return NULL;
    /* exact comparison of big ints with floats */
    if (is_int(a) && !IS_SMALL(a) && !isinf(y) && !isnan(y) && y == floor(y)) {
        int c = int_cmp(a, int_from_double(y));
        x = c; y = 0;
    } else if (is_int(b) && !IS_SMALL(b) && !isinf(x) && !isnan(x) && x == floor(x)) {
        int c = int_cmp(int_from_double(x), b);
        x = c; y = 0;
    }
    switch (op) {
    case CMP_LT: return BOOL(x < y); case CMP_LE: return BOOL(x <= y);
    case CMP_EQ: return BOOL(x == y); case CMP_NE: return BOOL(x != y);
    case CMP_GT: return BOOL(x > y); case CMP_GE: return BOOL(x >= y);
    }
    return NULL;
}

static intptr_t float_hash(Obj *o) {
    double v = ((Float *)o)->v;
    if (isnan(v)) return (intptr_t)(uintptr_t)o >> 4;
    if (isinf(v)) return v > 0 ? 314159 : -314159;
    if (v == floor(v) && fabs(v) < 1e18) return int_hash(int_from_double(v));
    {
        /* hash of the fraction m / 2^k modulo the hash prime, as CPython does */
        const uintptr_t P = sizeof(uintptr_t) > 4 ? (((uintptr_t)1 << 61) - 1) : (((uintptr_t)1 << 31) - 1);
        const int bits = sizeof(uintptr_t) > 4 ? 61 : 31;
        int e, sign = v < 0 ? -1 : 1;
        double m = frexp(fabs(v), &e);
        uintptr_t x = 0, y;
        intptr_t r;
        while (m) {
            x = ((x << 28) & P) | x >> (bits - 28);
            m *= 268435456.0;
            e -= 28;
            y = (uintptr_t)m;
            m -= y;
            x += y;
            if (x >= P) x -= P;
        }
        e = e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits);
        x = ((x << e) & P) | x >> (bits - e);
        r = (intptr_t)x * sign;
        return r == -1 ? -2 : r;
    }
}

static int float_truth(Obj *o) { return ((Float *)o)->v != 0; }

static Obj *float_make(Type *t, int n, Obj **a, Obj *kw) {
    Obj *x;
    (void)t; (void)kw;
    check_args("float", n, 0, 1);
    if (n == 0) return float_new(0);
    x = a[0];
    if (TYPE(x) == &FloatType) return x;
    if (is_int(x)) return float_new(int_to_double(x));
    if (TYPE(x) == &StrType || TYPE(x) == &BytesType) {
        char buf[400], *end;
        const char *s = TYPE(x) == &StrType ? CSTR(x) : (char *)((Bytes *)x)->s;
        int len = TYPE(x) == &StrType ? STR(x)->len : ((Bytes *)x)->len, i = 0, j = 0;
        double v;
        while (i < len && strchr(" \t\n\r\f\v", s[i]) && s[i]) i++;
        while (len > i && strchr(" \t\n\r\f\v", s[len - 1]) && s[len - 1]) len--;
        for (; i < len && j < 390; i++) {
            if (s[i] == '_' ) {
                if (j == 0 || i + 1 >= len || !(s[i - 1] >= '0' && s[i - 1] <= '9') || !(s[i + 1] >= '0' && s[i + 1] <= '9')) { j = -1; break; }
                continue;
            }
            buf[j++] = s[i];
        }
        if (j > 0) {
            buf[j] = 0;
            {
                const char *p = buf;
                int k;
                char low[16];
                if (*p == '+' || *p == '-') p++;
                for (k = 0; k < 15 && p[k]; k++) low[k] = (char)(p[k] | 0x20);
                low[k] = 0;
                if (!strcmp(low, "inf") || !strcmp(low, "infinity")) return float_new(buf[0] == '-' ? -INFINITY : INFINITY);
                if (!strcmp(low, "nan")) return float_new(buf[0] == '-' ? -NAN : NAN);
                if (strchr(p, 'x') || strchr(p, 'X') || strchr(p, 'n') || strchr(p, 'N') || strchr(p, 'i') || strchr(p, 'I')) j = -1;
            }
            if (j > 0) {
                v = strtod(buf, &end);
                if (*end == 0 && end != buf) return float_new(v);
            }
        }
        py_raise_type(ValueError, "could not convert string to float: %s", CSTR(repr(x)));
    }
    if (TYPE(x)->flags & TF_USER) {
        Obj *m = type_lookup_s(TYPE(x), "__float__");
        if (m) return call1(m, x);
        m = type_lookup_s(TYPE(x), "__index__");
        if (m) return float_new(int_to_double(call1(m, x)));
    }
    py_raise_type(TypeError, "float() argument must be a string or a real number, not '%s'", type_name(x));
    return NULL;
}

static Obj *m_is_integer(int n, Obj **a, Obj *kw) {
    double v = ((Float *)a[0])->v;
    (void)n; (void)kw;
    return BOOL(!isinf(v) && v == floor(v));
}
static Obj *m_as_integer_ratio(int n, Obj **a, Obj *kw) {
    double v = ((Float *)a[0])->v, m;
    int e;
    Obj *num, *den = MK_SMALL(1);
    (void)n; (void)kw;
    if (isinf(v)) py_raise_type(OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(v)) py_raise_type(ValueError, "cannot convert NaN to integer ratio");
    m = frexp(v, &e);
    while (m != floor(m)) { m *= 2; e--; }
    num = int_from_double(m);
    if (e > 0) num = int_binop(OP_LSHIFT, num, MK_SMALL(e));
    else den = int_binop(OP_LSHIFT, MK_SMALL(1), MK_SMALL(-e));
    return tuple_pack(2, num, den);
}
static Obj *m_hex(int n, Obj **a, Obj *kw) {
    char buf[64];
    (void)n; (void)kw;
    snprintf(buf, sizeof buf, "%a", ((Float *)a[0])->v);
    return str_c(buf);
}
static Obj *float_getattr(Obj *o, Obj *name) {
    if (!strcmp(CSTR(name), "real")) return o;
    if (!strcmp(CSTR(name), "imag")) return float_new(0);
    return generic_getattr(o, name);
}
static Obj *m_conj(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return a[0]; }

Type FloatType = {{&TypeType}, "float", 0};

void float_init(void) {
    FloatType.repr = float_repr; FloatType.binop = float_binop; FloatType.compare = float_compare;
    FloatType.hash = float_hash; FloatType.truth = float_truth; FloatType.make = float_make;
    FloatType.getattr = float_getattr;
    add_method(&FloatType, "is_integer", m_is_integer);
    add_method(&FloatType, "as_integer_ratio", m_as_integer_ratio);
    add_method(&FloatType, "hex", m_hex);
    add_method(&FloatType, "conjugate", m_conj);
}
