// Physical memory attributes: which addresses exist, which are cached,
// executable and writable. Accesses elsewhere raise access faults inside
// the core instead of waiting on a bus with nobody to answer, the same
// faults the emulator raises. Defaults follow docs/memory-map.md.
module b2g_pma #(
    parameter [31:0] RAM_SIZE = 32'h0400_0000   // main RAM fitted (64 MiB in sim)
) (
    input  wire [31:0] addr,
    output wire        memory,   // ROM, SRAM, main RAM: cached and executable
    output wire        writable, // memory other than the boot ROM
    output wire        io        // device registers: uncached, never executed
);
    localparam [31:0] ROM_SIZE = 32'h8000, SRAM_BASE = 32'h1000_0000, SRAM_SIZE = 32'h2000,
                      RAM_BASE = 32'h4000_0000,
                      CSR_BASE = 32'hF000_0000,                         // pages 0..5: 12 KiB
                      CLINT_BASE = 32'hF001_0000, CLINT_SIZE = 32'h1_0000;
    // Every region is a power of two at a base aligned to it (main RAM as
    // LiteX fits it; the CSR pages are the first 3 x 4 KiB of 16 KiB): bit
    // compares, no carry chains, as this decides M's access faults.
    localparam [31:0] RAM_MASK = ~(RAM_SIZE - 32'd1);
    wire rom = (addr & ~(ROM_SIZE - 32'd1)) == 32'd0;
    wire sram = (addr & ~(SRAM_SIZE - 32'd1)) == SRAM_BASE;
    wire ram = (addr & RAM_MASK) == RAM_BASE;
    assign writable = sram || ram;
    assign memory = rom || writable;
    assign io = ((addr & ~32'h3FFF) == CSR_BASE && addr[13:12] != 2'b11)
              || (addr & ~(CLINT_SIZE - 32'd1)) == CLINT_BASE;
endmodule
