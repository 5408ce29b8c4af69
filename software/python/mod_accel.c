/* mod_accel.c - the _accel module: device memory and command streams for
   ml's accel backend on our OS (ml/tensor/backend_accel.py, SoCDevice).

   Device memory is ordinary process memory: the accelerator system call
   (1001, docs/syscalls.md) takes user virtual addresses and the kernel
   bounces every LOAD/STORE extent, so an address can go straight into a
   command stream. alloc() returns a zeroed bytearray, which the backend
   keeps while it uses the address; the garbage collector frees it like any
   other (our runtime never calls __del__, so nothing else would).

       alloc(nbytes) -> bytearray    address(bytearray) -> its data's address
       write(address, data)          read(address, nbytes) -> bytes
       zero(address, nbytes)
       run(stream, relocs=b'', bases=()) -> (STATUS, BUSY_CYCLES, CYCLES, CONFIG)

   run() first adds bases[j] to word i of a copy of the stream for each
   uint16 pair (i, j) of relocs: a stream built once with addresses relative
   to its buffers (toolchain/accel/program.py, Template) serves every call.

   `available` is True only when built by our compiler for our OS; elsewhere
   run() raises OSError (memory still works, so the module imports
   everywhere and the backend decides). */
#include "py.h"
#include <errno.h>
#include <string.h>
#ifdef __b2g_cc__
#include <sys/syscall.h>
#define SYS_accel_run 1001
#endif

static unsigned char *address(Obj *o) { return (unsigned char *)(intptr_t)as_long(o); }

static size_t size_arg(Obj *o) {
    long nbytes = as_long(o);
    if (nbytes < 0) py_raise_type(ValueError, "negative size");
    return (size_t)nbytes;
}

static Obj *ac_alloc(int n, Obj **a, Obj *kw) {
    size_t nbytes;
    (void)kw;
    check_args("alloc", n, 1, 1);
    nbytes = size_arg(a[0]);
    return bytearray_new(NULL, nbytes < 4 ? 4 : (int)nbytes);
}

static Obj *ac_address(int n, Obj **a, Obj *kw) {
    (void)kw;
    check_args("address", n, 1, 1);
    if (TYPE(a[0]) != &ByteArrayType) py_raise_type(TypeError, "address() takes a bytearray from alloc()");
    return int_from_ll((long long)(intptr_t)((ByteArray *)a[0])->s);
}

static Obj *ac_write(int n, Obj **a, Obj *kw) {
    const unsigned char *p;
    int len;
    (void)kw;
    check_args("write", n, 2, 2);
    byte_view(a[1], &p, &len);
    memcpy(address(a[0]), p, (size_t)len);
    return None;
}

static Obj *ac_read(int n, Obj **a, Obj *kw) {
    (void)kw;
    check_args("read", n, 2, 2);
    return bytes_new(address(a[0]), (int)size_arg(a[1]));
}

static Obj *ac_zero(int n, Obj **a, Obj *kw) {
    (void)kw;
    check_args("zero", n, 2, 2);
    memset(address(a[0]), 0, size_arg(a[1]));
    return None;
}

static uint32_t words[32 * 1024 / 4];  /* the driver's most: 1024 commands */

/* -EIO still fills result: the caller reads STATUS to say what went wrong. */
static Obj *ac_run(int n, Obj **a, Obj *kw) {
    const unsigned char *p, *rel = NULL;
    int len, nrel = 0, i;
    unsigned result[4] = {0, 0, 0, 0};
    long r = -ENOSYS;
    (void)kw;
    check_args("run", n, 1, 3);
    byte_view(a[0], &p, &len);
    if (n == 3) byte_view(a[1], &rel, &nrel);
    if ((size_t)len > sizeof words) r = -EINVAL;
    else {
        memcpy(words, p, (size_t)len);
        for (i = 0; i + 4 <= nrel; i += 4) {
            unsigned w = rel[i] | rel[i + 1] << 8, j = rel[i + 2] | rel[i + 3] << 8;
            if (4 * w + 4 > (unsigned)len) py_raise_type(ValueError, "relocation outside the stream");
            words[w] += (uint32_t)as_long(getitem(a[2], MK_SMALL(j)));
        }
#ifdef __b2g_cc__
        r = __syscall(SYS_accel_run, (long)words, len, (long)result, 0, 0, 0);
#endif
    }
    if (r < 0 && r != -EIO)
        py_raise(exc_new(OSError, tuple_pack(2, MK_SMALL(-r), str_c(r == -ENOSYS ? "accelerator system call not available" :
            r == -EINVAL ? "bad command stream" : r == -EFAULT ? "stream address not user memory" :
            r == -E2BIG ? "stream extents do not fit the bounce pool" : "accelerator error"))));
    return tuple_pack(4, int_from_ll(result[0]), int_from_ll(result[1]), int_from_ll(result[2]), int_from_ll(result[3]));
}

static void fill_accel(Obj *d) {
    struct { const char *n; NativeFn f; } fs[] = {
        {"alloc", ac_alloc}, {"address", ac_address}, {"write", ac_write}, {"read", ac_read}, {"zero", ac_zero},
        {"run", ac_run}, {NULL, NULL}};
    int i;
    for (i = 0; fs[i].n; i++) dict_sets(d, fs[i].n, native_new(fs[i].n, fs[i].f));
#ifdef __b2g_cc__
    dict_sets(d, "available", True);
#else
    dict_sets(d, "available", False);
#endif
}

void accel_init(void) {
    native_module("_accel", fill_accel);
}
