"""The built-in layouts of docs/memory-map.md, written as linker scripts.

`-Ttext=`/`-Trodata=`/`-Tdata=`/`-Tbss=` move one output section; a user
script given with -T replaces the layout altogether.
"""

LAYOUTS = {
    # Programs loaded into main RAM by `make run`/`make sim` or the boot ROM.
    "ram": {".text": 0x4000_0000},
    # Boot code: code and constants in the boot ROM, variables in on-chip SRAM.
    # .data's initial values are stored after .rodata; boot code copies them
    # from __data_load to __data_start..__data_end.
    "rom": {".text": 0x0000_0000, ".data": 0x1000_0000, "data_in_rom": True},
    # Linux user-mode programs for qemu-riscv32, as GNU ld places them: the
    # ELF headers are loaded at 0x10000, code follows them, data gets its own page.
    "qemu": {".text": 0x0001_0074, "data": "ALIGN(0x1000)", "load_headers": True},
}

TEMPLATE = """
ENTRY(_start)
SECTIONS
{{
    . = {text:#x};
    .text : {{ *(.text.start) *(.text .text.*) }}
    .rodata {rodata}: {{ *(.rodata .rodata.* .srodata .srodata.*) }}
    .data {data}: {at} {{ *(.data .data.* .sdata .sdata.*) }}
    .bss {bss}: {{ *(.bss .bss.* .sbss .sbss.* COMMON) }}
}}
"""


def preset_script(name, overrides):
    preset = LAYOUTS[name]

    def place(section):
        value = overrides.get(section, preset.get(section))
        return f"{value:#x} " if isinstance(value, int) else ""
    data = place(".data") or (preset.get("data", "") + " " if ".data" not in overrides else "")
    at = "AT(ALIGN(LOADADDR(.rodata) + SIZEOF(.rodata), 4))" if preset.get("data_in_rom") \
        else ""
    return TEMPLATE.format(text=overrides.get(".text", preset[".text"]), rodata=place(".rodata"),
                           data=data, at=at, bss=place(".bss"))
