// M extension unit (X stage). Multiplies take 2 cycles (registered operands,
// registered product, so the DSPs sit between flops); divides are a
// radix-2 restoring loop of 32 cycles, 16 when the dividend fits in 16 bits
// (the skipped steps would only shift in zeros). The result is held (done = 1) until
// the pipeline takes it (ack); kill abandons the operation.
module b2g_muldiv (
    input  wire        clk,
    input  wire        rst,
    input  wire        start,   // a new operation is in X
    input  wire        kill,
    input  wire        ack,     // X moves on this cycle
    input  wire [2:0]  funct3,  // mul mulh mulhsu mulhu div divu rem remu
    input  wire [31:0] a,
    input  wire [31:0] b,
    output wire        done,
    output reg  [31:0] result
);
    localparam IDLE = 2'd0, MUL = 2'd1, DIV = 2'd2, DONE = 2'd3;
    reg [1:0]  state;
    reg [2:0]  op;
    reg [32:0] ma, mb;          // sign- or zero-extended multiply operands
    reg [31:0] quot, rem_acc, divisor;
    reg [5:0]  count;
    reg        neg_q, neg_r;
    assign done = state == DONE;

    wire signed [65:0] product = $signed(ma) * $signed(mb);
    wire [32:0] trial = {rem_acc, quot[31]} - {1'b0, divisor};
    wire a_neg = a[31] && (funct3 == 3'd4 || funct3 == 3'd6 || funct3 == 3'd1 || funct3 == 3'd2);
    wire b_neg = b[31] && (funct3 == 3'd4 || funct3 == 3'd6 || funct3 == 3'd1);
    wire [31:0] a_mag = a_neg ? -a : a;
    // x / 0 must still shift in 32 one bits, so it never takes the short way.
    wire short_div = a_mag[31:16] == 16'd0 && b != 32'd0;

    always @(posedge clk) begin
        if (rst || kill) begin
            state <= IDLE;
        end else case (state)
            IDLE: if (start) begin
                op <= funct3;
                if (!funct3[2]) begin
                    ma <= {a_neg, a};
                    mb <= {b_neg, b};
                    state <= MUL;
                end else begin
                    // Divide magnitudes, fix the signs at the end.
                    quot <= short_div ? {a_mag[15:0], 16'd0} : a_mag;
                    divisor <= b_neg ? -b : b;
                    rem_acc <= 32'd0;
                    count <= short_div ? 6'd16 : 6'd32;
                    neg_q <= (a_neg ^ b_neg) && b != 32'd0;  // x/0 = -1 for all signs
                    neg_r <= a_neg;
                    state <= DIV;
                end
            end
            MUL: begin
                result <= (op == 3'd0) ? product[31:0] : product[63:32];
                state <= DONE;
            end
            DIV: if (count == 6'd0) begin
                if (op[1]) result <= neg_r ? -rem_acc : rem_acc;
                else       result <= neg_q ? -quot : quot;
                state <= DONE;
            end else begin
                if (!trial[32]) begin
                    rem_acc <= trial[31:0];
                    quot <= {quot[30:0], 1'b1};
                end else begin
                    rem_acc <= {rem_acc[30:0], quot[31]};
                    quot <= {quot[30:0], 1'b0};
                end
                count <= count - 6'd1;
            end
            DONE: if (ack) state <= IDLE;
        endcase
    end
endmodule
