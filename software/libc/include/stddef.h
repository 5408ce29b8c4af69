#ifndef _STDDEF_H
#define _STDDEF_H
/* ilp32: int, long and pointers are 32 bits. */
typedef unsigned int size_t;
typedef int ptrdiff_t;
typedef int wchar_t;
typedef struct { long long ll; double d; } max_align_t;
#define NULL ((void *)0)
#define offsetof(type, member) ((size_t)&((type *)0)->member)
#endif
