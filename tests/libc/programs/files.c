/* Buffered FILE I/O on real files: write, read back, seek, tell, append,
   update mode, ungetc, line reading, big blocks, errors on bad use. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    FILE *f = fopen("data.txt", "w");
    if (!f)
        return 1;
    for (int i = 0; i < 300; i++)
        fprintf(f, "line %d: %s\n", i, i % 3 ? "text" : "more text here");
    fputs("no newline at end", f);
    printf("tell after write %ld\n", ftell(f));
    fclose(f);

    f = fopen("data.txt", "r");
    char line[128];
    int lines = 0;
    long total = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        total += (long)strlen(line);
    }
    printf("lines %d bytes %ld eof %d err %d\n", lines, total, feof(f), ferror(f));
    fseek(f, 10, SEEK_SET);
    long pos = ftell(f);
    printf("tell %ld char %c\n", pos, getc(f));
    int c = getc(f);
    ungetc(c, f);
    c = getc(f);
    printf("unget %c tell %ld\n", c, ftell(f));
    ungetc('Z', f);
    printf("pushed %c\n", getc(f));
    fseek(f, -5, SEEK_END);
    pos = ftell(f);
    printf("end %ld %s\n", pos, fgets(line, sizeof line, f));
    fseek(f, 100, SEEK_SET);
    fseek(f, 20, SEEK_CUR);
    printf("cur %ld\n", ftell(f));
    rewind(f);
    static char block[8000];
    size_t got = fread(block, 1, 4000, f);
    printf("fread %zu %.12s\n", got, block + 1000);
    got = fread(block, 7, 1000, f);
    printf("fread items %zu eof %d\n", got, feof(f));
    fclose(f);

    f = fopen("data.txt", "a");
    fputs("\nappended", f);
    fclose(f);
    f = fopen("data.txt", "r+");
    fseek(f, 0, SEEK_END);
    printf("size %ld\n", ftell(f));
    fseek(f, 5, SEEK_SET);
    fputc('X', f);
    fputs("YZ", f);
    fseek(f, 0, SEEK_SET);
    printf("%s", fgets(line, sizeof line, f));
    fclose(f);

    /* a binary round trip bigger than the buffer */
    f = fopen("bin.dat", "wb");
    static unsigned char out[10000], in[10000];
    for (int i = 0; i < 10000; i++)
        out[i] = (unsigned char)(i * 13 + 5);
    printf("fwrite %zu\n", fwrite(out, 2, 5000, f));
    fclose(f);
    f = fopen("bin.dat", "rb");
    got = fread(in, 1, 10000, f);
    printf("fread %zu same %d\n", got, memcmp(in, out, 10000) == 0);
    fclose(f);

    struct stat st;
    int r = stat("bin.dat", &st);
    printf("stat %d %ld %d\n", r, (long)st.st_size, S_ISREG(st.st_mode));
    errno = 0;
    FILE *missing = fopen("no/such/file", "r");
    printf("missing %p %d\n", (void *)missing, errno);
    printf("bad mode %p\n", (void *)fopen("data.txt", "q"));
    f = fopen("data.txt", "r");
    r = fputc('a', f);
    printf("write to read-only %d %d\n", r, ferror(f) != 0);
    fclose(f);

    /* unistd: descriptors, directories, renames */
    int fd = open("raw.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    printf("write %d\n", (int)write(fd, "hello, raw", 10));
    printf("lseek %ld\n", (long)lseek(fd, 0, SEEK_CUR));
    close(fd);
    fd = open("raw.txt", O_RDONLY);
    char raw[16] = {0};
    pos = (long)lseek(fd, 7, SEEK_SET);
    r = (int)read(fd, raw, 15);
    printf("lseek %ld read %d %s\n", pos, r, raw);
    int fd2 = dup(fd);
    printf("dup %d lseek %ld\n", fd2 > fd, (long)lseek(fd2, 0, SEEK_CUR));
    close(fd);
    close(fd2);
    r = mkdir("sub", 0755);
    printf("mkdir %d %d\n", r, mkdir("sub", 0755) < 0 && errno == EEXIST);
    printf("rename %d\n", rename("raw.txt", "sub/moved.txt"));
    printf("chdir %d\n", chdir("sub"));
    char cwd[256];
    printf("cwd ends in /sub %d\n", getcwd(cwd, sizeof cwd) && strcmp(cwd + strlen(cwd) - 4, "/sub") == 0);
    f = fopen("moved.txt", "r");
    printf("moved %s\n", fgets(line, sizeof line, f));
    fclose(f);
    r = unlink("moved.txt");
    printf("unlink %d %d\n", r, unlink("moved.txt") < 0 && errno == ENOENT);
    chdir("..");
    printf("rmdir %d\n", rmdir("sub"));
    r = remove("bin.dat");
    printf("remove %d %d\n", r, remove("data.txt"));
    return 0;
}
