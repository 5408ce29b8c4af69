#include "../check.h"
#include "abi.h"

static int callback(int x, long long big, double half) { return x + (int)(big >> 38) + (int)(half * 4); }

int main(void) {
    ASSERT(f_char(10, -3, 250) == (char)257);
    ASSERT(f_short(-100, 60000) == (short)(-300 - 60000));
    ASSERT(f_int(-5, 7, -9, 3) == -5 - 7 - 18 - 3);
    ASSERT(f_ll(-0x123456789LL, 0xFFFFFFFFFFFFFFF0ULL) == -0x123456789LL * 3 + 0x0FFFFFFFFFFFFFFFLL);
    ASSERT(f_float(1.5f, -2.0f) == -2.75f);
    ASSERT(f_double(1.0, 4.0f, 0.125) == 0.125);
    ASSERT(f_bool(1, 4) == 1 && f_bool(1, 2) == 0);
    ASSERT(f_s1((S1){'a'}).a == 'b');
    ASSERT(f_s2((S2){-7}).a == 14);
    S3 s3 = f_s3((S3){{1, 2, 3}});
    ASSERT(s3.a[0] == 2 && s3.a[1] == 2 && s3.a[2] == 6);
    ASSERT(f_s4((S4){0x1234}).a == (0x1234 ^ 0x5555));
    S5 s5 = f_s5((S5){{10, 10, 10, 10, 10}});
    ASSERT(s5.a[0] == 10 && s5.a[4] == 14);
    S6 s6 = f_s6((S6){{100, 0, 23}});
    ASSERT(s6.a[1] == 123 && s6.a[2] == 23);
    S8 s8 = f_s8((S8){1, 2});
    ASSERT(s8.a == 2 && s8.b == 1);
    ASSERT(f_sd((SD){3.0}).d == 4.5);
    ASSERT(f_sll((SLL){1LL << 50}).v == -(1LL << 50));
    SFI sfi = f_sfi((SFI){0.5f, 2});
    ASSERT(sfi.f == 2.5f && sfi.i == 7);
    S12 s12 = f_s12((S12){{1, 2, 3}});
    ASSERT(s12.a[0] == 6 && s12.a[2] == 3);
    S16 s16 = f_s16((S16){{1, 2, 3, 4}});
    ASSERT(s16.a[0] == 4 && s16.a[3] == 1);
    S24 s24 = f_s24((S24){'x', 0.5, 3});
    ASSERT(s24.c == 'y' && s24.d == 3.5 && s24.i == -3);
    U6 u6 = f_u6((U6){.i = 41});
    ASSERT(u6.i == 42 && u6.c[5] == 'z');
    ASSERT(f_spill(1, 2, 3, 4, 5, 6, 7, 0x100000000LL, 9) == 1 + 4 + 9 + 16 + 25 + 36 + 49 + 0x800000000LL + 81);
    ASSERT(f_split(1, 2, 3, 4, 5, 6, 7, 0.5, (S8){3, 4}, (S12){{10, 0, 20}}, 'A') == 28.5 + 12 + 30 + 65);
    ASSERT(f_variadic("ild", 5, 1LL << 35, 0.25) == 5 + 34359738368.0 + 0.25);
    ASSERT(f_variadic("idld", 1, 2.0, 3LL, 4.0) == 10.0);
    ASSERT(f_variadic("iiiiiiil", 1, 1, 1, 1, 1, 1, 1, 5LL) == 12.0);
    ASSERT(f_variadic("iiiiiid", 1, 1, 1, 1, 1, 1, 2.5) == 8.5);
    ASSERT(f_variadic("sSD", (S8){9, 4}, (S16){{0, 0, 0, 7}}, (SD){0.5}) == 12.5);
    ASSERT(f_callback(callback, 10) == 10 + 4 + 2 + 1);
    int arr[2], k = 1;
    ASSERT(f_ptr(arr, &k) == (void *)&arr[1] && k == 2);
    PASS();
}
