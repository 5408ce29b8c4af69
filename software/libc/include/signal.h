#ifndef _SIGNAL_H
#define _SIGNAL_H
#include <sys/types.h>
#define SIGINT 2
#define SIGABRT 6
#define SIGKILL 9
#define SIGSEGV 11
#define SIGTERM 15
int kill(pid_t pid, int sig);
int raise(int sig);
#endif
