/* Our own minimal runtime for csmith-generated programs: the checksum (CRC-32 as
   csmith computes it), output through the start-up file's sys_write, and the
   "safe math" wrappers, written here so that every operation is free of undefined
   behaviour. Compiled by GCC and by our compiler alike. */
#include <stdint.h>

int sys_write(int fd, const void *buf, unsigned n);

static uint32_t crc32_tab[256];
static uint32_t crc32_context = 0xFFFFFFFFUL;

static void crc32_gentab(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t crc = i;
        for (int j = 0; j < 8; j++)
            crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320UL : crc >> 1;
        crc32_tab[i] = crc;
    }
}

static void crc32_byte(uint8_t b) {
    crc32_context = ((crc32_context >> 8) & 0x00FFFFFF) ^ crc32_tab[(crc32_context ^ b) & 0xFF];
}

static void transparent_crc(uint64_t val, char *vname, int flag) {
    (void)vname; (void)flag;
    for (int i = 0; i < 8; i++)
        crc32_byte((uint8_t)(val >> (i * 8)));
}

static void transparent_crc_bytes(char *ptr, int nbytes, char *vname, int flag) {
    (void)vname; (void)flag;
    for (int i = 0; i < nbytes; i++)
        crc32_byte((uint8_t)ptr[i]);
}

static void platform_main_begin(void) {}

static void platform_main_end(uint32_t crc, int flag) {
    char line[] = "checksum = 00000000\n";
    (void)flag;
    for (int i = 0; i < 8; i++)
        line[11 + i] = "0123456789ABCDEF"[(crc >> (28 - 4 * i)) & 15];
    sys_write(1, line, sizeof line - 1);
}

/* Enough printf for csmith's optional hash printing: %d %u %X %s and %%. */
static void put_unsigned(uint32_t v, unsigned base) {
    char buf[12];
    int n = 0;
    do { buf[n++] = "0123456789ABCDEF"[v % base]; v /= base; } while (v);
    while (n) sys_write(1, &buf[--n], 1);
}

static int printf(const char *fmt, ...) {
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') { sys_write(1, fmt, 1); continue; }
        char c = *++fmt;
        if (c == 'd') {
            int v = __builtin_va_arg(ap, int);
            if (v < 0) { sys_write(1, "-", 1); v = -v; }
            put_unsigned((uint32_t)v, 10);
        } else if (c == 'u' || c == 'X') {
            put_unsigned(__builtin_va_arg(ap, uint32_t), c == 'u' ? 10 : 16);
        } else if (c == 's') {
            const char *s = __builtin_va_arg(ap, const char *);
            while (*s) sys_write(1, s++, 1);
        } else {
            sys_write(1, fmt, 1);
        }
    }
    __builtin_va_end(ap);
    return 0;
}

static int strcmp(const char *a, const char *b) {
    while (*a && *a == *b) a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

/* Signed wrappers return the left operand whenever the operation would overflow. */
#define SIGNED_OPS(T, W, MIN, MAX)                                                              \
static T safe_unary_minus_func_##T##_s(T a) { return a == MIN ? a : -a; }                       \
static T safe_add_func_##T##_s_s(T a, T b) {                                                    \
    return ((b > 0 && a > MAX - b) || (b < 0 && a < MIN - b)) ? a : (T)(a + b); }               \
static T safe_sub_func_##T##_s_s(T a, T b) {                                                    \
    return ((b > 0 && a < MIN + b) || (b < 0 && a > MAX + b)) ? a : (T)(a - b); }               \
static T safe_mul_func_##T##_s_s(T a, T b) {                                                    \
    if (a > 0 ? (b > 0 ? a > MAX / b : b < MIN / a) : (b > 0 ? a < MIN / b : (a != 0 && b < MAX / a))) \
        return a;                                                                               \
    return (T)(a * b); }                                                                        \
static T safe_div_func_##T##_s_s(T a, T b) { return (b == 0 || (a == MIN && b == -1)) ? a : (T)(a / b); } \
static T safe_mod_func_##T##_s_s(T a, T b) { return (b == 0 || (a == MIN && b == -1)) ? a : (T)(a % b); } \
static T safe_lshift_func_##T##_s_s(T a, int b) {                                               \
    return (a < 0 || b < 0 || b >= W || a > (MAX >> b)) ? a : (T)(a << b); }                    \
static T safe_lshift_func_##T##_s_u(T a, unsigned b) {                                          \
    return (a < 0 || b >= W || a > (MAX >> b)) ? a : (T)(a << b); }                             \
static T safe_rshift_func_##T##_s_s(T a, int b) { return (a < 0 || b < 0 || b >= W) ? a : (T)(a >> b); } \
static T safe_rshift_func_##T##_s_u(T a, unsigned b) { return (a < 0 || b >= W) ? a : (T)(a >> b); }

/* Unsigned wrappers compute in a type wide enough that nothing is promoted to int. */
#define UNSIGNED_OPS(T, W, WIDE)                                                                \
static T safe_unary_minus_func_##T##_u(T a) { return (T)-(WIDE)a; }                             \
static T safe_add_func_##T##_u_u(T a, T b) { return (T)((WIDE)a + b); }                          \
static T safe_sub_func_##T##_u_u(T a, T b) { return (T)((WIDE)a - b); }                          \
static T safe_mul_func_##T##_u_u(T a, T b) { return (T)((WIDE)a * b); }                          \
static T safe_div_func_##T##_u_u(T a, T b) { return b == 0 ? a : (T)(a / b); }                   \
static T safe_mod_func_##T##_u_u(T a, T b) { return b == 0 ? a : (T)(a % b); }                   \
static T safe_lshift_func_##T##_u_s(T a, int b) { return (b < 0 || b >= W) ? a : (T)((WIDE)a << b); } \
static T safe_lshift_func_##T##_u_u(T a, unsigned b) { return b >= W ? a : (T)((WIDE)a << b); } \
static T safe_rshift_func_##T##_u_s(T a, int b) { return (b < 0 || b >= W) ? a : (T)((WIDE)a >> b); } \
static T safe_rshift_func_##T##_u_u(T a, unsigned b) { return b >= W ? a : (T)((WIDE)a >> b); }

SIGNED_OPS(int8_t, 32, INT8_MIN, INT8_MAX)
SIGNED_OPS(int16_t, 32, INT16_MIN, INT16_MAX)
SIGNED_OPS(int32_t, 32, INT32_MIN, INT32_MAX)
SIGNED_OPS(int64_t, 64, INT64_MIN, INT64_MAX)
UNSIGNED_OPS(uint8_t, 32, uint32_t)
UNSIGNED_OPS(uint16_t, 32, uint32_t)
UNSIGNED_OPS(uint32_t, 32, uint32_t)
UNSIGNED_OPS(uint64_t, 64, uint64_t)
