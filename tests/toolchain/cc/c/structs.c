#include "../check.h"

struct point { int x, y; };
struct big { int a[5]; char tag; };
union num { int i; unsigned char b[4]; float f; };
struct flags { unsigned a : 3; signed b : 5; unsigned c : 10; int : 0; unsigned d : 1; };
struct nested { struct point p; union { int u1; short u2; }; struct { char k; } inner; };
typedef struct node { int value; struct node *next; } node_t;

static struct point make(int x, int y) { struct point p = {x, y}; return p; }
static struct big make_big(int base) {
    struct big b;
    for (int i = 0; i < 5; i++) b.a[i] = base + i;
    b.tag = 'z';
    return b;
}
static int sum_big(struct big b) { b.a[0] = 1000; return b.a[0] + b.a[4]; }
static int len(node_t *n) { int k = 0; for (; n; n = n->next) k++; return k; }

struct point gp = {.y = 7, .x = 3};
struct big gb = {{1, 2, 3}, 'q'};
int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
int elided[2][2] = {1, 2, 3};
char *names[] = {"ab", "cd", 0};
struct point pts[] = {[2] = {9, 9}, [0].y = 4};
int *gptr = &grid[1][1];

int main(void) {
    struct point p = make(3, 4), q;
    q = p;
    q.x += 10;
    ASSERT(p.x == 3 && q.x == 13 && q.y == 4);
    struct big b = make_big(10);
    ASSERT(b.a[4] == 14 && b.tag == 'z');
    ASSERT(sum_big(b) == 1014 && b.a[0] == 10);
    union num n;
    n.i = 0x01020304;
    ASSERT(n.b[0] == 4 && n.b[3] == 1 && sizeof n == 4);
    struct flags f = {5, -3, 1000};
    f.d = 1;
    ASSERT(f.a == 5 && f.b == -3 && f.c == 1000 && f.d == 1);
    f.a = 9;                              /* truncated to 3 bits */
    ASSERT(f.a == 1);
    f.b += 20;
    ASSERT(f.b == -15);
    ASSERT(sizeof(struct flags) == 8);
    int negative = -5;
    ASSERT(f.c > negative && !(f.c <= negative));      /* unsigned : 10 promotes to int */
    ASSERT(f.a - 2 < 0 && f.a++ - 2 < 0 && f.a == 2);
    struct nested ne = {{1, 2}, {.u1 = 77}, {'k'}};
    ASSERT(ne.p.y == 2 && ne.u1 == 77 && ne.inner.k == 'k');
    node_t c3 = {3, 0}, c2 = {2, &c3}, c1 = {1, &c2};
    ASSERT(len(&c1) == 3 && c1.next->next->value == 3);
    ASSERT(gp.x == 3 && gp.y == 7 && gb.a[2] == 3 && gb.a[3] == 0 && gb.tag == 'q');
    ASSERT(grid[1][2] == 6 && elided[1][0] == 3 && elided[1][1] == 0);
    ASSERT(names[1][1] == 'd' && names[2] == 0);
    ASSERT(sizeof pts / sizeof pts[0] == 3 && pts[2].x == 9 && pts[0].y == 4 && pts[1].x == 0);
    ASSERT(*gptr == 5);
    struct point *pp = &(struct point){5, 6};
    ASSERT(pp->y == 6);
    int local[3][2] = {{1}, [2] = {5, 6}};
    ASSERT(local[0][1] == 0 && local[2][0] == 5);
    char s[] = "hi\n";
    ASSERT(sizeof s == 4 && s[2] == 10);
    char t[8] = "abc";
    ASSERT(t[3] == 0 && t[7] == 0 && t[2] == 'c');
    struct point arr[2] = {p, q};
    ASSERT(arr[1].x == 13);
    PASS();
}
