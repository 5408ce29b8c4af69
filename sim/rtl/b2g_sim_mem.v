// Simulation memory: a Wishbone RAM the size of a whole region, filled at
// start-up from the file named by a plusarg ($readmemh format, word
// addresses relative to the region). The harness writes those files from the
// program's ELF, so the model is built once and loads any program.
// +<name>_latency=N adds N wait cycles to every access, a crude stand-in for
// SDRAM behind LiteDRAM.
// +<name>_size=BYTES fits less memory than the region holds: an access past
// it ends with a bus error, as the bus answers where nothing is fitted, so
// the core takes an access fault like the emulator's (--ram-size).
module b2g_sim_mem #(
    parameter ADDR_BITS = 13,          // words
    parameter PLUSARG = "mem=%s",
    parameter LATENCY_PLUSARG = "mem_latency=%d",
    parameter SIZE_PLUSARG = "mem_size=%d"
) (
    input  wire        clk,
    input  wire [29:0] adr,
    input  wire [31:0] dat_w,
    output reg  [31:0] dat_r,
    input  wire [3:0]  sel,
    input  wire        cyc,
    input  wire        stb,
    input  wire        we,
    output reg         ack,
    output reg         err
);
    reg [31:0] mem [0:(1 << ADDR_BITS) - 1];
    reg [8*512-1:0] file;
    integer latency = 0;
    integer waited = 0;
    integer size = 0;                  // bytes
    reg [ADDR_BITS:0] words;           // fitted
    initial begin
        ack = 1'b0;
        err = 1'b0;
        if ($value$plusargs(PLUSARG, file)) $readmemh(file, mem);
        if (!$value$plusargs(LATENCY_PLUSARG, latency)) latency = 0;
        if ($value$plusargs(SIZE_PLUSARG, size)) words = size / 4;
        else words = 1 << ADDR_BITS;
    end
    wire [ADDR_BITS-1:0] a = adr[ADDR_BITS-1:0];
    wire go = cyc && stb && !ack && !err && waited >= latency;
    wire fitted = {1'b0, a} < words;
    always @(posedge clk) begin
        ack <= go && fitted;
        err <= go && !fitted;
        waited <= (cyc && stb && !ack && !err && !go) ? waited + 1 : 0;
        dat_r <= mem[a];
        if (go && fitted && we) begin
            if (sel[0]) mem[a][7:0]   <= dat_w[7:0];
            if (sel[1]) mem[a][15:8]  <= dat_w[15:8];
            if (sel[2]) mem[a][23:16] <= dat_w[23:16];
            if (sel[3]) mem[a][31:24] <= dat_w[31:24];
        end
    end
endmodule
