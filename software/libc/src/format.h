/* The printf engine, shared by the FILE and string front ends. Output goes
   through a Sink: a function that takes a run of bytes. */
#ifndef FORMAT_H
#define FORMAT_H
#include <stdarg.h>
#include <stddef.h>

typedef struct Sink Sink;
struct Sink {
    void (*write)(Sink *s, const char *p, size_t n);
    void *target;       /* FILE * or char * */
    size_t room;        /* string sinks: bytes left, terminator excluded */
    int failed;         /* a write error happened */
};

/* Formats like vfprintf; returns the number of bytes produced (even those
   a full string sink dropped), or -1 if the sink failed. */
int __format(Sink *sink, const char *fmt, va_list ap);
#endif
