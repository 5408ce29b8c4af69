"""Reading `ar` archives (System V / GNU format, as written by riscv64-unknown-elf-ar)."""
from toolchain.elf.format import ElfError, read_object

MAGIC = b"!<arch>\n"
HEADER_SIZE = 60


def read_archive(data, name="<archive>"):
    """Return the archive's ELF members as ObjectFiles named 'lib.a(member.o)'."""
    if not data.startswith(MAGIC):
        raise ElfError(f"{name}: not an ar archive")
    pos, long_names, members = len(MAGIC), b"", []
    while pos + HEADER_SIZE <= len(data):
        header = data[pos:pos + HEADER_SIZE]
        if header[58:60] != b"`\n":
            raise ElfError(f"{name}: malformed archive member header at offset {pos}")
        member_name = header[:16].decode("ascii", "replace").rstrip()
        try:
            size = int(header[48:58].decode().strip())
        except ValueError:
            raise ElfError(f"{name}: malformed archive member size at offset {pos}") from None
        body = data[pos + HEADER_SIZE:pos + HEADER_SIZE + size]
        pos += HEADER_SIZE + size + (size & 1)
        if member_name in ("/", "/SYM64/"):
            continue                      # symbol index: we scan members ourselves
        if member_name == "//":
            long_names = body
            continue
        if member_name.startswith("/") and member_name[1:].isdigit():
            start = int(member_name[1:])
            member_name = long_names[start:long_names.index(b"\n", start)].decode()
        member_name = member_name.rstrip("/")
        members.append(read_object(body, f"{name}({member_name})"))
    return members
