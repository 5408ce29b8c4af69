// Testbench: the accelerator on a Wishbone RAM that acks like LiteX's SRAM
// (registered ack, so one access every other cycle), plus a bare FMA for the
// rounding tests. Python drives the CSR bus and reads/writes mem[] directly.
`timescale 1ns/1ps
module tb_accel;
    localparam MEM_WORDS = 65536;            // 256 KB at byte address 0x4000_0000
    reg clk = 0, rst = 1;
    always #5 clk = ~clk;

    reg  [5:0]  csr_adr = 0;
    reg         csr_we = 0;
    reg  [31:0] csr_dat_w = 0;
    wire [31:0] csr_dat_r;
    wire        irq;
    wire [29:0] wb_adr;
    wire [31:0] wb_dat_w;
    reg  [31:0] wb_dat_r;
    wire [3:0]  wb_sel;
    wire        wb_cyc, wb_stb, wb_we;
    reg         wb_ack = 0;
    wire        wb_err = wb_cyc && wb_stb && (wb_adr[29:16] != 14'h1000);

    accel dut (.clk(clk), .rst(rst), .csr_adr(csr_adr), .csr_we(csr_we), .csr_dat_w(csr_dat_w),
               .csr_dat_r(csr_dat_r), .irq(irq), .wb_adr(wb_adr), .wb_dat_w(wb_dat_w),
               .wb_dat_r(wb_dat_r), .wb_sel(wb_sel), .wb_cyc(wb_cyc), .wb_stb(wb_stb),
               .wb_we(wb_we), .wb_ack(wb_ack), .wb_err(wb_err));

    reg [31:0] mem [0:MEM_WORDS-1];
    always @(posedge clk) begin
        wb_ack <= wb_cyc && wb_stb && !wb_ack && !wb_err;
        if (wb_cyc && wb_stb && !wb_ack && !wb_err) begin
            if (wb_we) mem[wb_adr[15:0]] <= wb_dat_w;
            wb_dat_r <= mem[wb_adr[15:0]];
        end
    end

    // Bulk memory transfer for the tests: files in the simulator's working directory.
    reg load_now = 0, dump_now = 0;
    always @(posedge load_now) $readmemh("mem_in.hex", mem);
    always @(posedge dump_now) $writememh("mem_out.hex", mem);

    reg  [31:0] fx = 0, fy = 0, fz = 0;
    wire [31:0] fout;
    accel_fma fma (.clk(clk), .int_mode(1'b0), .x(fx), .y(fy), .z(fz), .out(fout));
endmodule
