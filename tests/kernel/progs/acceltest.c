/* acceltest: runs C = A @ B (M x K times K x N) on the accelerator through
   the kernel's accel_run call (1001), prints C as hex words for the test to
   check against numpy, then tries bad streams and prints each error. */
#include <stdio.h>
#include <string.h>

long __syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5);
#define M 6
#define K 10
#define N 12

static float A[M * K], B[K * N], C[M * N], G[4 * N];
static int rows_wanted[4] = { 3, 0, -1, 7 };        /* -1 is the last row */
static unsigned stream[8 * 8], result[4];
static int ncmd;

static void cmd(unsigned op, unsigned w1, unsigned w2, unsigned w3, unsigned w4, unsigned w5,
                unsigned w6, unsigned w7) {
    unsigned c[8] = { op, w1, w2, w3, w4, w5, w6, w7 };
    memcpy(stream + 8 * ncmd++, c, sizeof c);
}

static long run(unsigned bytes) { return __syscall(1001, (long)stream, bytes, (long)result, 0, 0, 0); }

/* The matmul stream; `store_to` is where C goes. */
static void matmul(unsigned store_to) {
    ncmd = 0;
    cmd(1, 0, (unsigned)A, 4, K, M, 4 * K, K);                  /* LOAD A, lda = K */
    cmd(1, 1024, (unsigned)B, 4, N, K, 4 * N, N);               /* LOAD B, ldb = N */
    cmd(4, 2048, 0, 1024, N, M, K | N << 16, K | N << 16);      /* MM */
    cmd(2, 2048, store_to, 4, N, M, 4 * N, N);                  /* STORE C */
    cmd(0, 0, 0, 0, 0, 0, 0, 0);
}

int main(void) {
    for (int i = 0; i < M * K; i++) A[i] = (float)(double)((i * 3 + i / K) % 7 - 3);   /* rt has no single-precision ops */
    for (int i = 0; i < K * N; i++) B[i] = (float)((double)((i * 5 + i / N) % 11 - 5) / 4);
    matmul((unsigned)C);
    long r = run(32 * ncmd);
    printf("run %ld status %x busy %u config %x\n", r, result[0], result[1], result[3]);
    for (int i = 0; i < M * N; i++) {
        unsigned w;
        memcpy(&w, &C[i], 4);
        printf("%08x%c", w, i % N == N - 1 ? '\n' : ' ');
    }
    /* Gather 4 rows of B by index (INDEXED LOAD, bound K): the driver must
       bounce all K rows, since the indices are only read by the hardware. */
    ncmd = 0;
    cmd(1, 4000, (unsigned)rows_wanted, 4, 4, 1, 0, 4);
    cmd(1 | 1 << 8 | K << 16, 0, (unsigned)B, 4, N, 4, 4 * N, N | 4000 << 16);
    cmd(2, 0, (unsigned)G, 4, 4 * N, 1, 0, 4 * N);
    cmd(0, 0, 0, 0, 0, 0, 0, 0);
    r = run(32 * ncmd);
    int same = 1;
    for (int i = 0; i < 4 * N; i++) {
        int row = rows_wanted[i / N] < 0 ? rows_wanted[i / N] + K : rows_wanted[i / N];
        same &= memcmp(&G[i], &B[row * N + i % N], 4) == 0;
    }
    printf("gather %ld %s\n", r, same ? "same" : "different");
    ncmd = 0;                                       /* rows 0..3, 1 MiB apart: unmapped */
    cmd(2 | 1 << 8 | 4 << 16, 0, (unsigned)G, 4, N, 1, 0x100000, N | 4000 << 16);
    cmd(0, 0, 0, 0, 0, 0, 0, 0);
    printf("indexed-store-out-of-range %ld\n", run(32 * ncmd));
    printf("bad-stream-pointer %ld\n", __syscall(1001, 0x40000000, 64, (long)result, 0, 0, 0));
    printf("bad-result-pointer %ld\n", __syscall(1001, (long)stream, 32 * ncmd, 0x40000000, 0, 0, 0));
    printf("bad-length %ld\n", run(33));
    matmul((unsigned)C);
    stream[8] = 9;
    printf("bad-opcode %ld\n", run(32 * ncmd));
    matmul((unsigned)C);
    stream[8 * 1 + 2] = 0x40000000;
    printf("load-from-kernel %ld\n", run(32 * ncmd));
    matmul((unsigned)main);
    printf("store-into-code %ld\n", run(32 * ncmd));
    matmul((unsigned)C + 2);
    printf("misaligned %ld\n", run(32 * ncmd));
    matmul((unsigned)C);
    printf("no-end %ld\n", run(32 * (ncmd - 1)));
    return 0;
}
