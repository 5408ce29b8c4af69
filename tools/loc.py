"""make loc: code lines per layer beside its budget.

A code line is a non-blank line that is not only a comment; Python docstrings
count as comments. Tests, benchmarks, docs and generated files are reported
apart and do not count towards the 100,000-line total, which is enforced.
Run with --readme to rewrite the table between the markers in README.md.
"""
import io
import os
import re
import subprocess
import sys
import tokenize

TOTAL_BUDGET = 100_000

# (layer, budget, path prefixes). The first matching prefix wins, so the more
# specific prefixes come first.
LAYERS = [
    ("CPU (gateware/cpu)", 1_500, ["gateware/cpu/"]),
    ("MMU (gateware/mmu)", 1_000, ["gateware/mmu/"]),
    ("accelerator (gateware/accel)", 1_000, ["gateware/accel/"]),
    ("SD controller (gateware/sdcard)", 150, ["gateware/sdcard/"]),
    ("SoC (soc)", 600, ["soc/"]),
    ("boards (boards)", 300, ["boards/"]),
    ("emulator (sim/emu)", 3_000, ["sim/emu/"]),
    ("simulation (sim)", 1_000, ["sim/"]),
    ("assembler/linker (toolchain)", 2_500,
     ["toolchain/asm/", "toolchain/ld/", "toolchain/objdump/", "toolchain/elf/"]),
    ("C compiler (toolchain/cc)", 2_000, ["toolchain/cc/"]),
    ("SD image tool (toolchain/sdimg)", 300, ["toolchain/sdimg/"]),
    ("accelerator programs (toolchain/accel)", 500, ["toolchain/accel/"]),
    ("compiler runtime (software/rt)", 1_000, ["software/rt/"]),
    ("Python runtime (software/python)", 50_000, ["software/python/"]),
    ("OS (software/kernel, boot)", 2_500, ["software/kernel/", "software/boot/"]),
    ("libc (software/libc)", 3_000, ["software/libc/"]),
    ("FAT (software/fat)", 300, ["software/fat/"]),
    ("user space (software/user)", 500, ["software/user/"]),
    ("tensor library (ml/tensor)", 500, ["ml/tensor/"]),
    ("autograd, nn, optim (ml)", 5_000, ["ml/autograd/", "ml/nn/", "ml/optim/"]),
    ("data processing (ml/data)", 500, ["ml/data/"]),
    ("GPT-2 (ml/gpt2)", 500, ["ml/gpt2/"]),
    ("build and tools", 500, ["tools/", "mk/", "Makefile", ".ci/"]),
]
APART = [("tests", ["tests/"]), ("bench", ["bench/"]), ("docs", ["docs/"])]

CODE_SUFFIXES = {".py", ".c", ".h", ".v", ".sv", ".S", ".s", ".mk", ".sh", ".ld", ".lds"}
CODE_NAMES = {"Makefile", "run"}
GENERATED = re.compile(r"(^|/)(build|\.venv|__pycache__)/")


def tracked_files():
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"],
                         capture_output=True, text=True, check=True).stdout
    return [f for f in out.splitlines() if os.path.isfile(f)]


def is_code(path):
    name = os.path.basename(path)
    _, ext = os.path.splitext(name)
    return ext in CODE_SUFFIXES or name in CODE_NAMES


def python_lines(text):
    """Lines holding a token other than comments, docstrings and layout."""
    lines = set()
    prev = tokenize.NEWLINE
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = tok.type
            if kind in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE,
                        tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
                if kind == tokenize.NEWLINE:
                    prev = kind
                continue
            # A string that starts a statement is a docstring (or a bare string).
            is_doc = kind == tokenize.STRING and prev in (tokenize.NEWLINE, tokenize.INDENT,
                                                          tokenize.DEDENT)
            prev = kind
            if not is_doc:
                lines.update(range(tok.start[0], tok.end[0] + 1))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return sum(1 for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))
    return len(lines)


def c_like_lines(text, hash_comments):
    """C, Verilog and assembly: strip /* */ and // comments (and # ones where asked)."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    count = 0
    for line in text.splitlines():
        line = re.sub(r"//.*", "", line).strip()
        if hash_comments and (line == "#" or line.startswith("# ")):
            continue
        if line:
            count += 1
    return count


def hash_lines(text):
    return sum(1 for line in text.splitlines()
               if line.strip() and not line.strip().startswith("#"))


def count(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    ext = os.path.splitext(path)[1]
    if ext == ".py":
        return python_lines(text)
    if ext in (".c", ".h", ".v", ".sv", ".ld", ".lds"):
        return c_like_lines(text, hash_comments=False)
    if ext in (".S", ".s"):
        return c_like_lines(text, hash_comments=True)
    return hash_lines(text)


def classify(path):
    for name, budget, prefixes in LAYERS:
        if any(path.startswith(p) for p in prefixes):
            return name
    for name, prefixes in APART:
        if any(path.startswith(p) for p in prefixes):
            return name
    return "other"


def ledger():
    counts = {}
    for path in tracked_files():
        if is_code(path) and not GENERATED.search(path):
            layer = classify(path)
            counts[layer] = counts.get(layer, 0) + count(path)
    return counts


def table(counts):
    rows = ["| layer | code lines | budget |", "|---|---:|---:|"]
    total = 0
    for name, budget, _ in LAYERS:
        n = counts.get(name, 0)
        total += n
        rows.append(f"| {name} | {n:,} | {budget:,} |")
    if counts.get("other"):
        total += counts["other"]
        rows.append(f"| other | {counts['other']:,} | |")
    rows.append(f"| **total** | **{total:,}** | **{TOTAL_BUDGET:,}** |")
    apart = ", ".join(f"{name} {counts.get(name, 0):,}" for name, _ in APART)
    rows.append("")
    rows.append(f"Not counted: {apart}.")
    return "\n".join(rows), total


def update_readme(text_table):
    with open("README.md", encoding="utf-8") as f:
        readme = f.read()
    start, end = "<!-- loc:start -->", "<!-- loc:end -->"
    if start not in readme or end not in readme:
        sys.exit("loc: README.md has no loc markers")
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    with open("README.md", "w", encoding="utf-8") as f:
        f.write(f"{head}{start}\n{text_table}\n{end}{tail}")


def main():
    counts = ledger()
    text_table, total = table(counts)
    if "--readme" in sys.argv:
        update_readme(text_table)
    print(text_table)
    if total > TOTAL_BUDGET:
        print(f"loc: total {total:,} is over the {TOTAL_BUDGET:,}-line budget", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
