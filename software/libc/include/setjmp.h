#ifndef _SETJMP_H
#define _SETJMP_H
/* ra, sp, s0-s11: the registers a call must preserve (ilp32, no FPU). */
typedef unsigned long jmp_buf[14];
int setjmp(jmp_buf env);
void longjmp(jmp_buf env, int val);
#endif
