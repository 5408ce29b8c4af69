// Register file: x1..x31, two combinational read ports (D stage) and one
// write port (W stage). A read of the register being written this cycle
// returns the new value, so D never needs a separate bypass from W.
module b2g_regfile (
    input  wire        clk,
    input  wire [4:0]  ra1,
    input  wire [4:0]  ra2,
    output wire [31:0] rd1,
    output wire [31:0] rd2,
    input  wire        we,
    input  wire [4:0]  wa,
    input  wire [31:0] wd
);
    reg [31:0] regs [1:31];
    // Registers start at zero (docs/memory-map.md): configuration-time
    // contents on the FPGA, so a later soft reset keeps their values.
    integer i;
    initial for (i = 1; i < 32; i = i + 1) regs[i] = 32'd0;
    wire write = we && wa != 5'd0;
    assign rd1 = ra1 == 5'd0 ? 32'd0 : (write && wa == ra1) ? wd : regs[ra1];
    assign rd2 = ra2 == 5'd0 ? 32'd0 : (write && wa == ra2) ? wd : regs[ra2];
    always @(posedge clk)
        if (write) regs[wa] <= wd;
endmodule
