// spad.v - the scratchpad: LANES banks of 32-bit words, word w in bank w % LANES,
// so one row ("group") of LANES consecutive words is read or written per cycle.
// One write port with a per-lane mask and two synchronous read ports (each bank
// is stored twice, which is how block RAM gives a second read port).
module accel_spad #(parameter LANES = 4, parameter GROUPS = 4096, parameter GW = 12) (
    input  wire                  clk,
    input  wire                  we,
    input  wire [LANES-1:0]      wmask,
    input  wire [GW-1:0]         waddr,
    input  wire [32*LANES-1:0]   wdata,
    input  wire [GW-1:0]         raddr_a, raddr_b,
    output wire [32*LANES-1:0]   rdata_a, rdata_b
);
    genvar l;
    generate for (l = 0; l < LANES; l = l + 1) begin : bank
        reg [31:0] copy_a [0:GROUPS-1];
        reg [31:0] copy_b [0:GROUPS-1];
        reg [31:0] out_a, out_b;
        always @(posedge clk) begin
            if (we && wmask[l]) begin
                copy_a[waddr] <= wdata[32*l +: 32];
                copy_b[waddr] <= wdata[32*l +: 32];
            end
            out_a <= copy_a[raddr_a];
            out_b <= copy_b[raddr_b];
        end
        assign rdata_a[32*l +: 32] = out_a;
        assign rdata_b[32*l +: 32] = out_b;
    end endgenerate
endmodule
