// Branch prediction, used in D: a table of 2-bit counters indexed by pc for
// conditional branches, and a small return-address stack for jalr returns.
// Direct jumps (jal) are always taken. X corrects wrong guesses. The counter
// read in D travels with the branch, so the table needs one read port only
// and fits in LUT RAM.
module b2g_bpred #(
    parameter ENTRIES = 64,
    parameter RAS_DEPTH = 4
) (
    input  wire        clk,
    input  wire        rst,
    input  wire [31:0] d_pc,
    output wire [1:0]  d_counter,        // bit 1: predict taken
    output wire [31:0] d_return_addr,    // top of the return stack
    input  wire        push,             // a call leaves D
    input  wire        pop,              // a return leaves D
    input  wire        update,           // a branch resolved in X
    input  wire [31:0] update_pc,
    input  wire        update_taken,
    input  wire [1:0]  update_counter    // the counter read when it was in D
);
    localparam IDX = $clog2(ENTRIES);
    localparam RIDX = $clog2(RAS_DEPTH);
    reg [1:0]  counters [0:ENTRIES-1];
    reg [31:0] ras [0:RAS_DEPTH-1];
    reg [RIDX-1:0] top;
    integer i;
    initial for (i = 0; i < ENTRIES; i = i + 1) counters[i] = 2'b01;

    wire [IDX-1:0] d_idx = d_pc[IDX+1:2];
    wire [IDX-1:0] u_idx = update_pc[IDX+1:2];
    assign d_counter = counters[d_idx];
    assign d_return_addr = ras[top];

    always @(posedge clk)
        if (update) begin
            if (update_taken && update_counter != 2'b11) counters[u_idx] <= update_counter + 2'd1;
            if (!update_taken && update_counter != 2'b00) counters[u_idx] <= update_counter - 2'd1;
        end

    always @(posedge clk) begin
        if (rst) begin
            top <= {RIDX{1'b0}};
            for (i = 0; i < RAS_DEPTH; i = i + 1) ras[i] <= 32'd0;   // a defined guess
        end else begin
            if (push) begin
                ras[top + 1'b1] <= d_pc + 32'd4;
                top <= top + 1'b1;
            end else if (pop) begin
                top <= top - 1'b1;
            end
        end
    end
endmodule
