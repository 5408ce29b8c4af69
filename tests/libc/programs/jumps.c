/* setjmp/longjmp: returns from deep recursion, value 0 becomes 1, locals
   kept in callee-saved registers survive, nested buffers work. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf outer, inner;
static int depth_reached;

static void recurse(int depth, int value)
{
    if (depth == 0) {
        depth_reached = 1;
        longjmp(outer, value);
    }
    recurse(depth - 1, value);
    printf("not reached\n");
}

static int nested(void)
{
    volatile int count = 0;
    if (setjmp(inner) < 3) {
        count++;
        longjmp(inner, count);
    }
    return count;
}

int main(void)
{
    volatile int kept = 1234;
    register int in_register = 77;
    int r = setjmp(outer);
    if (r == 0) {
        kept = 99;
        recurse(50, 42);
    }
    printf("first %d %d %d %d\n", r, kept, in_register, depth_reached);
    r = setjmp(outer);
    if (r == 0)
        longjmp(outer, 0);
    printf("zero becomes %d\n", r);
    printf("nested %d\n", nested());
    return 0;
}
