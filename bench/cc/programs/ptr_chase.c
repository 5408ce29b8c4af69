/* Pointer chasing: a linked list in a shuffled order, walked many times. */
#include "bench.h"

struct node { struct node *next; int value; };
static struct node nodes[1024];

int main(void) {
    unsigned seed = 12345;
    int order[1024];
    for (int i = 0; i < 1024; i++) order[i] = i;
    for (int i = 1023; i > 0; i--) {
        seed = seed * 1103515245u + 12345u;
        int j = (seed >> 8) % (i + 1);
        int t = order[i]; order[i] = order[j]; order[j] = t;
    }
    for (int i = 0; i < 1023; i++) nodes[order[i]].next = &nodes[order[i + 1]];
    nodes[order[1023]].next = 0;
    for (int i = 0; i < 1024; i++) nodes[i].value = i * 7;
    unsigned sum = 0;
    for (int pass = 0; pass < 20; pass++)
        for (struct node *n = &nodes[order[0]]; n; n = n->next) sum += n->value ^ pass;
    print_result(sum);
    return 0;
}
