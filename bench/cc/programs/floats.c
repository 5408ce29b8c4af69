/* Floating point (soft-float): a small Mandelbrot set in double, a dot product in float. */
#include "bench.h"

int main(void) {
    unsigned inside = 0;
    for (int py = 0; py < 6; py++)
        for (int px = 0; px < 8; px++) {
            double cx = -2.0 + px * 0.375, cy = -1.0 + py * (2.0 / 6);
            double x = 0, y = 0;
            int k = 0;
            while (k < 16 && x * x + y * y < 4.0) {
                double t = x * x - y * y + cx;
                y = 2 * x * y + cy;
                x = t;
                k++;
            }
            inside += k;
        }
    float a[32], b[32], dot = 0;
    for (int i = 0; i < 32; i++) { a[i] = i * 0.5f; b[i] = 1.0f / (i + 1); }
    for (int i = 0; i < 32; i++) dot += a[i] * b[i];
    print_result(inside * 1000 + (unsigned)(dot * 10));
    return 0;
}
