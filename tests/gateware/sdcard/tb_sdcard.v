// Test harness: the controller plus a free-running 100 MHz clock (cheaper than a cocotb Clock).
`timescale 1ns / 1ps
module tb_sdcard (
    input rst, input [8:0] adr, input we, input [31:0] dat_w, output [31:0] dat_r,
    output sck, output mosi, input miso, output cs_n, output irq
);
    reg clk = 0;
    always #5 clk = !clk;
    sdcard_spi dut (.clk(clk), .rst(rst), .adr(adr), .we(we), .dat_w(dat_w), .dat_r(dat_r),
                    .sck(sck), .mosi(mosi), .miso(miso), .cs_n(cs_n), .irq(irq));
endmodule
