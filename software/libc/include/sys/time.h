#ifndef _SYS_TIME_H
#define _SYS_TIME_H
/* struct timeval and gettimeofday live in time.h */
#include <time.h>
#endif
