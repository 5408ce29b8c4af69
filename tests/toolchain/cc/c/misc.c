#include "../check.h"
#include <stddef.h>

enum color { RED, GREEN = 5, BLUE, LAST = BLUE + 10 };
typedef int (*binop)(int, int);
typedef struct { char c; } tiny;
typedef struct { short s[3]; } six;
typedef struct { long long v; } eight;

inline int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static binop pick(int i) { return i ? sub : add; }
static int apply(binop f, int a, int b) { return f(a, b); }
static int next_id(void) { static int id = 100; return id++; }
static int ten(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j) {
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j;
}
static tiny mk_tiny(char c) { tiny t = {c}; return t; }
static six mk_six(short a) { six s = {{a, a + 1, a + 2}}; return s; }
static eight mk_eight(long long v) { eight e = {v}; return e; }
static int sum_six(six s, tiny t, eight e) { return s.s[0] + s.s[2] + t.c + (int)e.v; }
static size_t my_strlen(const char *s) { const char *p = s; while (*p) p++; return p - s; }
static void reverse(char *s) {
    for (char *e = s + my_strlen(s) - 1; s < e; s++, e--) { char t = *s; *s = *e; *e = t; }
}
static int const_table(int i) { static const int t[] = {2, 3, 5, 7, 11}; return t[i]; }
int global_counter;
extern int global_counter;
int tentative;
int tentative;

int main(void) {
    ASSERT(RED == 0 && GREEN == 5 && BLUE == 6 && LAST == 16 && sizeof(enum color) == 4);
    enum color c = BLUE;
    ASSERT(c == 6);
    ASSERT(apply(pick(0), 5, 3) == 8 && apply(pick(1), 5, 3) == 2);
    binop table[2] = {add, &sub};
    ASSERT(table[1](10, 4) == 6 && (*table[0])(1, 2) == 3);
    ASSERT(next_id() == 100 && next_id() == 101);
    ASSERT(ten(1, 2, 3, 4, 5, 6, 7, 8, 9, 10) == 385);
    ASSERT(mk_tiny('x').c == 'x');
    six s = mk_six(10);
    ASSERT(s.s[1] == 11 && sizeof(six) == 6);
    ASSERT(mk_eight(-5).v == -5);
    ASSERT(sum_six(s, mk_tiny(1), mk_eight(100)) == 10 + 12 + 1 + 100);
    char buf[] = "hello";
    reverse(buf);
    ASSERT(buf[0] == 'o' && buf[4] == 'h' && my_strlen(buf) == 5);
    ASSERT(const_table(4) == 11);
    unsigned char uc = 255;
    uc++;
    ASSERT(uc == 0);
    unsigned int ui = 0;
    ui--;
    ASSERT(ui == 4294967295u);
    int x = ({ int t = 3; t * 4; });
    ASSERT(x == 12);
    int *p = 0;
    ASSERT(!p && (p ? 1 : 2) == 2);
    const char *msg = x > 10 ? "big" : "small";
    ASSERT(msg[0] == 'b');
    ASSERT(global_counter == 0 && tentative == 0);
    char ch = 'b';
    switch (ch) { case 'a': ASSERT(0); break; case 'b': x = 77; break; }
    ASSERT(x == 77);
    int arr[4] = {4, 3, 2, 1};
    int (*pa)[4] = &arr;
    ASSERT((*pa)[2] == 2 && sizeof(*pa) == 16);
    int m[3][4];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
    ASSERT(m[2][3] == 23 && *(*(m + 1) + 2) == 12 && sizeof m[0] == 16);
    long n = 5;
    n = -n * 3;
    ASSERT(n == -15);
    short sh = -2;
    ASSERT(sh * 3 == -6 && (unsigned short)sh == 65534);
    ASSERT((char)300 == 44);
    ASSERT(sizeof(tiny[3]) == 3);
    struct { int a; char b[]; } *flex = 0;
    ASSERT(sizeof(*flex) == 4);
    _Alignas(16) int aligned = 3;
    ASSERT(((unsigned)&aligned & 15) == 0 && aligned == 3);
    PASS();
}
