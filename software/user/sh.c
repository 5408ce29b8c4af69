/* sh: the shell. One pipeline per line: cmd [args] [< in] [> out | >> out]
   [| cmd ...] [&]; builtins cd and exit; $? is the last status; '#' starts a
   comment; "..." and '...' quote. With a file argument it runs that script. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAXWORDS 64
#define MAXCMDS 8

struct cmd { char *argv[MAXWORDS]; int argc; char *in, *out; int append; };

static int last_status;
static char status_text[12];

/* Splits line into words; the operators | < > >> & are words of their own. */
static int split(char *line, char **words) {
    static char store[1024];
    char *o = store;
    int n = 0;
    for (char *s = line; *s && n < MAXWORDS - 1;) {
        if (*s == ' ' || *s == '\t' || *s == '\n') { s++; continue; }
        if (*s == '#') break;
        words[n++] = o;
        if (strchr("|<>&", *s)) {
            *o++ = *s;
            if (s[0] == '>' && s[1] == '>') *o++ = *++s;
            s++;
        } else {
            while (*s && !strchr(" \t\n|<>&", *s) && o < store + sizeof store - 2) {
                char q = *s;
                if (q == '"' || q == '\'') {
                    for (s++; *s && *s != q; s++) *o++ = *s;
                    if (*s) s++;
                } else if (s[0] == '$' && s[1] == '?') {
                    for (char *t = status_text; *t; t++) *o++ = *t;
                    s += 2;
                } else *o++ = *s++;
            }
        }
        *o++ = 0;
    }
    words[n] = 0;
    return n;
}

/* Groups the words into commands; returns their number, -1 on a syntax error. */
static int parse(char **w, int n, struct cmd *cmds, int *background) {
    int nc = 0;
    struct cmd *c = &cmds[0];
    memset(cmds, 0, sizeof(struct cmd) * MAXCMDS);
    *background = 0;
    for (int i = 0; i < n; i++) {
        if (!strcmp(w[i], "|")) {
            if (!c->argc || ++nc == MAXCMDS) return -1;
            c = &cmds[nc];
        } else if (!strcmp(w[i], "&") && i == n - 1) {
            *background = 1;
        } else if (w[i][0] == '<' || w[i][0] == '>') {
            if (i + 1 == n || strchr("|<>&", w[i + 1][0])) return -1;
            if (w[i][0] == '<') c->in = w[++i];
            else { c->append = w[i][1] == '>'; c->out = w[++i]; }
        } else {
            c->argv[c->argc++] = w[i];
        }
    }
    return c->argc ? nc + 1 : (nc || n ? -1 : 0);
}

static void redirect(const char *path, int flags, int fd) {
    int f = open(path, flags, 0644);
    if (f < 0) { fprintf(stderr, "sh: cannot open %s\n", path); _exit(1); }
    dup2(f, fd);
    close(f);
}

static void exec_command(struct cmd *c) {
    char path[256];
    if (c->in) redirect(c->in, O_RDONLY, 0);
    if (c->out) redirect(c->out, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC), 1);
    snprintf(path, sizeof path, "%s%s", strchr(c->argv[0], '/') ? "" : "/bin/", c->argv[0]);
    execv(path, c->argv);
    fprintf(stderr, "sh: %s: not found\n", c->argv[0]);
    _exit(127);
}

static void run_pipeline(struct cmd *cmds, int n, int background) {
    int pids[MAXCMDS], in = -1;
    for (int i = 0; i < n; i++) {
        int fds[2] = { -1, -1 };
        if (i < n - 1 && pipe(fds) < 0) { fprintf(stderr, "sh: pipe failed\n"); break; }
        pids[i] = fork();
        if (pids[i] == 0) {
            if (in >= 0) { dup2(in, 0); close(in); }
            if (fds[1] >= 0) { dup2(fds[1], 1); close(fds[1]); close(fds[0]); }
            exec_command(&cmds[i]);
        }
        if (pids[i] < 0) fprintf(stderr, "sh: fork failed\n");
        if (in >= 0) close(in);
        if (fds[1] >= 0) close(fds[1]);
        in = fds[0];
    }
    if (background) { printf("[%d]\n", pids[n - 1]); return; }
    for (int i = 0; i < n; i++) {
        int status = 0;
        if (pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i] && i == n - 1)
            last_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (status & 0x7F);
    }
}

static void run_line(char *line) {
    char *words[MAXWORDS];
    struct cmd cmds[MAXCMDS];
    int background;
    snprintf(status_text, sizeof status_text, "%d", last_status);
    int n = parse(words, split(line, words), cmds, &background);
    if (n < 0) { fprintf(stderr, "sh: syntax error\n"); last_status = 2; return; }
    if (n == 0) return;
    char **argv = cmds[0].argv;
    if (!strcmp(argv[0], "exit")) exit(argv[1] ? atoi(argv[1]) : last_status);
    if (!strcmp(argv[0], "cd")) {
        last_status = chdir(argv[1] ? argv[1] : "/home") < 0;
        if (last_status) fprintf(stderr, "sh: cd: %s: cannot go there\n", argv[1]);
        return;
    }
    fflush(stdout);
    run_pipeline(cmds, n, background);
}

int main(int argc, char **argv) {
    char line[512];
    FILE *in = stdin;
    if (argc > 1 && !(in = fopen(argv[1], "r"))) {
        fprintf(stderr, "sh: cannot open %s\n", argv[1]);
        return 127;
    }
    int interactive = in == stdin && isatty(0);
    for (;;) {
        while (waitpid(-1, 0, WNOHANG) > 0) {}      /* reap finished background jobs */
        if (interactive) { printf("$ "); fflush(stdout); }
        if (!fgets(line, sizeof line, in)) break;
        run_line(line);
    }
    return last_status;
}
