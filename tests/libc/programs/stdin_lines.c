/* Reads standard input the ways a shell or an interpreter does: fgets by
   line, getchar to the end, ungetc; numbers each line it echoes. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char line[16];
    int n = 0;
    while (n < 3 && fgets(line, sizeof line, stdin))    /* short buffer splits long lines */
        printf("%d:%s|\n", ++n, line);
    int c = getchar();
    ungetc(c, stdin);
    printf("peek %c\n", c);
    long count = 0, newlines = 0;
    while ((c = getchar()) != EOF) {
        count++;
        newlines += c == '\n';
    }
    printf("rest %ld bytes %ld lines eof %d\n", count, newlines, feof(stdin));
    printf("again %d\n", getchar());
    return 0;
}
