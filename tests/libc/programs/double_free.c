/* free() of a block that is already free must stop the program with a
   message, not corrupt the heap silently. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *a = malloc(40), *b = malloc(40);
    free(a);
    printf("first free done\n");
    fflush(stdout);
    free(a);
    printf("still running\n");
    free(b);
    return 0;
}
