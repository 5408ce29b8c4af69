/* "b2g-stone": a Dhrystone-like integer benchmark written for this project
 * (not Dhrystone's source). One iteration mixes what Dhrystone measures:
 * record copies through pointers, string copy and compare, small procedure
 * calls with pointer arguments, an enum switch, 1-D and 2-D array updates
 * and a little multiply/divide. It prints cycles and instructions per
 * iteration; bench/cpu/run.py turns them into per-MHz rates. */
#include "io.h"

#define ITERATIONS 2000

typedef enum { RED, GREEN, BLUE, CYAN, MAGENTA } Colour;

typedef struct Node {
    struct Node *next;
    Colour colour;
    int count;
    int value;
    char label[32];
} Node;

static Node nodes[2];
static int table[64];
static int grid[16][16];
static char name_a[32], name_b[32];
static volatile int sink;

static void copy_string(char *dst, const char *src) { while ((*dst++ = *src++)) ; }

static int compare_strings(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}

static __attribute__((noinline)) Colour next_colour(Colour c, int bias)
{
    switch (c) {
    case RED: return bias > 2 ? GREEN : BLUE;
    case GREEN: return CYAN;
    case BLUE: return bias & 1 ? MAGENTA : RED;
    case CYAN: return RED;
    default: return GREEN;
    }
}

static __attribute__((noinline)) void bump(int *counter, int by) { *counter += by; }

static __attribute__((noinline)) int update_node(Node *n, int i)
{
    *n->next = *n;                      /* record copy through a pointer */
    n->next->count = n->count + i;
    n->colour = next_colour(n->colour, i & 7);
    bump(&n->value, n->next->count & 15);
    return n->colour == RED;
}

static __attribute__((noinline)) void arrays(int i, int v)
{
    table[i & 63] = v;
    table[(i + 7) & 63] += table[i & 63] >> 1;
    grid[i & 15][(i >> 4) & 15] += v;
    grid[(i + 1) & 15][i & 15] = grid[i & 15][(i >> 4) & 15] + i;
}

int main(void)
{
    nodes[0].next = &nodes[1];
    nodes[1].next = &nodes[0];
    copy_string(nodes[0].label, "B2G STONE, FIRST RECORD");
    copy_string(name_a, "B2G STONE, 1'ST STRING");
    int reds = 0;
    uint32_t c0 = rdcycle(), i0 = rdinstret();
    for (int i = 1; i <= ITERATIONS; i++) {
        int x = i * 3 + 1;
        int y = (x * 7) / (i % 5 + 1);
        reds += update_node(&nodes[i & 1], i);
        copy_string(name_b, (i & 1) ? "B2G STONE, 2'ND STRING" : "B2G STONE, 3'RD STRING");
        if (compare_strings(name_a, name_b) > 0) x += y % 7;
        arrays(i, x - y);
        sink = x + reds;
    }
    uint32_t cycles = rdcycle() - c0, insns = rdinstret() - i0;
    report("iterations", ITERATIONS);
    report("cycles", cycles);
    report("instructions", insns);
    report("check", (uint32_t)(reds + grid[3][4] + table[5] + nodes[0].value));
    return 0;
}
