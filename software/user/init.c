/* init: runs the shell on the console; when the shell ends, so does the
   system (the kernel halts with the shell's exit status). */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    char *argv[] = { "sh", 0 };
    char *envp[] = { "PATH=/bin", "HOME=/home", 0 };
    int status = 0;
    int pid = fork();
    if (pid == 0) {
        execve("/bin/sh", argv, envp);
        printf("init: cannot run /bin/sh\n");
        _exit(127);
    }
    /* Reap everything (orphans are ours too) until the shell is gone. */
    while (wait(&status) != pid) {}
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + status;
}
