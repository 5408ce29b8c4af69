// Integer ALU (X stage). Operation codes are set by b2g_decoder.
// One right shifter serves all three shifts: a left shift is a right shift
// of the bit-reversed operand, reversed back.
module b2g_alu (
    input  wire [3:0]  op,
    input  wire [31:0] a,
    input  wire [31:0] b,
    output reg  [31:0] y
);
    localparam ADD = 4'd0, SUB = 4'd1, SLL = 4'd2, SLT = 4'd3, SLTU = 4'd4,
               XOR = 4'd5, SRL = 4'd6, SRA = 4'd7, OR = 4'd8;

    function [31:0] reverse(input [31:0] v);
        integer i;
        for (i = 0; i < 32; i = i + 1) reverse[i] = v[31 - i];
    endfunction

    wire        left = op == SLL;
    wire [31:0] shift_in = left ? reverse(a) : a;
    wire        fill = op == SRA && a[31];
    wire [32:0] shifted_wide = $signed({fill, shift_in}) >>> b[4:0];
    wire [31:0] shifted = shifted_wide[31:0];
    wire [32:0] diff = {1'b0, a} - {1'b0, b};          // a < b from the borrow
    wire        less_unsigned = diff[32];
    wire        less_signed = (a[31] ^ b[31]) ? a[31] : diff[32];

    always @* begin
        case (op)
            ADD:  y = a + b;
            SUB:  y = diff[31:0];
            SLL:  y = reverse(shifted);
            SLT:  y = {31'd0, less_signed};
            SLTU: y = {31'd0, less_unsigned};
            XOR:  y = a ^ b;
            SRL, SRA: y = shifted;
            OR:   y = a | b;
            default: y = a & b;
        endcase
    end
endmodule
