/* Structs: particles updated through pointers, passed and returned by value. */
#include "bench.h"

struct vec { int x, y; };
struct particle { struct vec pos, vel; short mass; char tag; };

static struct vec add(struct vec a, struct vec b) { struct vec r = {a.x + b.x, a.y + b.y}; return r; }
static struct vec bounce(struct vec p, struct vec v) {
    if (p.x < 0 || p.x > 10000) v.x = -v.x;
    if (p.y < 0 || p.y > 10000) v.y = -v.y;
    return v;
}

static struct particle ps[128];

int main(void) {
    for (int i = 0; i < 128; i++) {
        struct particle p = {{i * 70, i * 30}, {i % 7 - 3, i % 5 - 2}, (short)(i + 1), (char)('a' + i % 26)};
        ps[i] = p;
    }
    for (int step = 0; step < 60; step++)
        for (int i = 0; i < 128; i++) {
            struct particle *p = &ps[i];
            p->pos = add(p->pos, p->vel);
            p->vel = bounce(p->pos, p->vel);
        }
    unsigned sum = 0;
    for (int i = 0; i < 128; i++) sum += ps[i].pos.x * 3 + ps[i].pos.y * ps[i].mass + ps[i].tag;
    print_result(sum);
    return 0;
}
