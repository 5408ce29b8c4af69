"""gmtime, strftime and mktime against glibc (in UTC: our libc has no time
zones) for times from before 1970 to far after 2100, leap days included."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import libc_cgen as cgen  # noqa: E402

FORMAT = "%a %A %b %B %c|%d %D %e %F %H %I %j %m %M %p %R %S %t %T %n %u %w %x %X %y %Y %z %%"
FIXED = [0, -1, 86399, 86400, 951782400, 951868800, 1709164800, 4107542399, 4107542400,
         -2208988800, -62135596800, 253402300799, 1234567890, 2147483647, 2147483648]


def test_gmtime_strftime_mktime_match_glibc(toolchain):
    rng = random.Random(7)
    times = FIXED + [rng.randint(-10**11, 10**11) for _ in range(300)]
    extra = ("#include <time.h>\n#ifndef __riscv\n#define mktime timegm\n#endif\n"
             "static const long long times[] = {" + ", ".join(f"{t}LL" for t in times) + "};\n")
    body = ["char buf[256];",
            "for (unsigned i = 0; i < sizeof times / sizeof times[0]; i++) {",
            "    time_t t = (time_t)times[i];",
            "    struct tm tm = *gmtime(&t);",
            "    size_t n = strftime(buf, sizeof buf, " + cgen.c_string(FORMAT) + ", &tm);",
            '    printf("%d %s|%d %d|", (int)n, buf, tm.tm_yday, tm.tm_isdst);',
            "    tm.tm_mday += 40; tm.tm_mon -= 3;     /* mktime normalises out-of-range fields */",
            "    long long back = (long long)mktime(&tm);",
            '    printf("%lld %d %d %d\\n", back, tm.tm_wday, tm.tm_yday, tm.tm_mday);',
            "}",
            'struct tm tm = {0};',
            'printf("%d\\n", (int)strftime(buf, 5, "%Y-%m-%d", &tm));    /* does not fit: 0 */']
    path = cgen.write_program(cgen.workfile(toolchain, "times.c"), body, extra)
    ours = toolchain.run_rv32(toolchain.compile_rv32(path)).stdout.decode()
    ref = toolchain.run_host(toolchain.compile_host(path)).stdout.decode()
    assert cgen.compare_lines(ours, ref, [str(t) for t in times]) == []
