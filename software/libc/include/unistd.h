#ifndef _UNISTD_H
#define _UNISTD_H
#include <sys/types.h>
#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int unlink(const char *path);
int rmdir(const char *path);
int rename(const char *from, const char *to);
char *getcwd(char *buf, size_t size);
int chdir(const char *path);
int dup(int fd);
int dup2(int fd, int to);
int pipe(int fds[2]);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
pid_t getpid(void);
void *sbrk(int increment);
unsigned sleep(unsigned seconds);
int usleep(unsigned usec);
void _exit(int status);
int isatty(int fd);
#endif
