/* kill: ends processes by pid. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int status = 0;
    for (int i = 1; i < argc; i++)
        if (kill(atoi(argv[i]), 9) < 0) { fprintf(stderr, "kill: no process %s\n", argv[i]); status = 1; }
    return status;
}
