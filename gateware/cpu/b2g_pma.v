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
                      CSR_BASE = 32'hF000_0000, CSR_SIZE = 32'h3000,     // pages 0..5
                      CLINT_BASE = 32'hF001_0000, CLINT_SIZE = 32'h1_0000;
    wire rom = addr < ROM_SIZE;
    assign writable = (addr - SRAM_BASE < SRAM_SIZE) || (addr - RAM_BASE < RAM_SIZE);
    assign memory = rom || writable;
    assign io = (addr - CSR_BASE < CSR_SIZE) || (addr - CLINT_BASE < CLINT_SIZE);
endmodule
