// lane.v - one fp32 lane: the FMA plus the cheap compare, select and
// exponent operations. Every rounding op is the FMA with chosen operands, so
// the lane has exactly one rounding path. Op codes 0-15 are the VOP funcs of
// docs/accel.md; 16 and 17 are used by MM.
module accel_lane (
    input  wire [4:0]  op,
    input  wire [31:0] a, b, c,      // c: the accumulator of MM
    output reg  [31:0] out
);
    localparam OP_ADD = 5'd0, OP_SUB = 5'd1, OP_MUL = 5'd2, OP_MAX = 5'd3, OP_LT = 5'd4,
               OP_EQ = 5'd5, OP_RELU = 5'd6, OP_NEG = 5'd7, OP_COPY = 5'd8, OP_KEEP = 5'd9,
               OP_DROP = 5'd10, OP_OR = 5'd11, OP_FLOOR = 5'd12, OP_EXP2I = 5'd13,
               OP_MANT = 5'd14, OP_EXPO = 5'd15, OP_FMA = 5'd16, OP_MAXACC = 5'd17;
    localparam [31:0] ONE = 32'h3F800000, NEG_ONE = 32'hBF800000, NEG_ZERO = 32'h80000000,
                      QNAN = 32'h7FC00000, INF = 32'h7F800000, NEG_INF = 32'hFF800000,
                      TWO23_127 = 32'hCB00007F;       // -(2^23 + 127)

    wire [7:0] ea = a[30:23];
    // floor: clear the fraction bits (trunc), then subtract 1 if a negative
    // number lost a nonzero fraction. Subnormals count as zero.
    wire [7:0]  frac_bits = 8'd150 - ea;
    wire [22:0] frac_mask = (ea >= 8'd150) ? 23'd0 : (ea < 8'd127) ? 23'h7FFFFF : ~(23'h7FFFFF << frac_bits);
    wire        frac_lost = ea != 0 && (ea < 8'd127 || |(a[22:0] & frac_mask));
    wire [31:0] trunc = (ea < 8'd127) ? {a[31], 31'd0} : {a[31], ea, a[22:0] & ~frac_mask};

    reg [31:0] fx, fy, fz;
    always @* begin
        case (op)
            OP_ADD:   begin fx = a; fy = ONE; fz = b; end
            OP_SUB:   begin fx = a; fy = ONE; fz = b ^ NEG_ZERO; end
            OP_MUL:   begin fx = a; fy = b; fz = NEG_ZERO; end
            OP_FLOOR: begin fx = trunc; fy = ONE; fz = (a[31] && frac_lost) ? NEG_ONE : NEG_ZERO; end
            // exponent as a float: (2^23 + e) - (2^23 + 127), both exact
            OP_EXPO:  begin fx = {9'h096, 15'd0, ea}; fy = ONE; fz = TWO23_127; end
            default:  begin fx = a; fy = b; fz = c; end        // OP_FMA: a * b + c
        endcase
    end
    wire [31:0] fma_out;
    accel_fma fma (.x(fx), .y(fy), .z(fz), .out(fma_out));

    // Total order on non-NaN floats: flip negatives so integer compare works.
    function [32:0] key(input [31:0] v);
        key = v[31] ? {1'b0, ~v} : {1'b1, v};
    endfunction
    function is_nan(input [31:0] v);
        is_nan = &v[30:23] && |v[22:0];
    endfunction
    // For MAXACC the running value is c and the new element is b.
    wire [31:0] ma = (op == OP_MAXACC) ? c : a;
    wire        any_nan = is_nan(ma) || is_nan(b);
    wire        both_zero = ~|ma[30:0] && ~|b[30:0];
    wire        less = !any_nan && !both_zero && key(a) < key(b);
    wire        equal = !any_nan && (a == b || both_zero);
    wire        greater_ab = !both_zero && key(ma) > key(b);

    // exp2i: 2^k for an integer-valued k (fraction dropped), 0 below 2^-126, inf from 2^128.
    wire [7:0]  k_mag = (ea < 8'd127) ? 8'd0 : (ea > 8'd134) ? 8'd255 : ({1'b1, a[22:16]} >> (8'd134 - ea));
    wire [31:0] pow2 = !a[31] ? ((k_mag > 8'd127) ? INF : {1'b0, k_mag + 8'd127, 23'd0})
                              : ((k_mag > 8'd126) ? 32'd0 : {1'b0, 8'd127 - k_mag, 23'd0});

    always @* begin
        case (op)
            OP_MAX, OP_MAXACC: out = any_nan ? QNAN : (greater_ab ? ma : b);
            OP_LT:    out = less ? ONE : 32'd0;
            OP_EQ:    out = equal ? ONE : 32'd0;
            OP_RELU:  out = is_nan(a) ? QNAN : ((!a[31] && |a[30:0]) ? a : 32'd0);
            OP_NEG:   out = a ^ NEG_ZERO;
            OP_COPY:  out = a;
            OP_KEEP:  out = |a[30:0] ? b : 32'd0;      // where = or(keep(c, x), drop(c, y))
            OP_DROP:  out = |a[30:0] ? 32'd0 : b;
            OP_OR:    out = a | b;
            OP_EXP2I: out = is_nan(a) ? QNAN : pow2;
            // mantissa in [1, 2): NaN for NaN and negative numbers, 1 for zero and infinity
            OP_MANT:  out = (is_nan(a) || (a[31] && ea != 0)) ? QNAN
                            : (ea == 0 || ea == 8'hFF) ? ONE : {9'h07F, a[22:0]};
            OP_EXPO:  out = is_nan(a) ? QNAN : (ea == 0) ? NEG_INF : (ea == 8'hFF) ? INF : fma_out;
            default:  out = fma_out;
        endcase
    end
endmodule
