/* Reads a line, answers with it upper-cased, its length and a checksum;
 * ends at a line that is just "quit". Exit status: number of lines. */
#include "port.h"

static int read_line(char *buf, int max)
{
    int n = 0, c;
    while ((c = port_getc()) != '\n') {
        if (c < 0)
            return n ? n : -1;
        if (n < max - 1)
            buf[n++] = (char)c;
    }
    buf[n] = 0;
    return n;
}

int main(void)
{
    char line[128];
    int lines = 0, n;
    while ((n = read_line(line, sizeof line)) >= 0) {
        if (line[0] == 'q' && line[1] == 'u' && line[2] == 'i' && line[3] == 't' && !line[4])
            break;
        unsigned sum = 0;
        for (int i = 0; i < n; i++) {
            char c = line[i];
            sum = sum * 33 + (unsigned char)c;
            port_putc(c >= 'a' && c <= 'z' ? c - 32 : c);
        }
        print_str(" (");
        print_int(n);
        print_str(") ");
        print_uint(sum, 16);
        port_putc('\n');
        lines++;
    }
    return lines;
}
