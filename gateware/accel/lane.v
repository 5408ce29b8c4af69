// lane.v - one fp32/int32 lane in 5 stages: E0 picks the FMA operands and
// computes the compare, select, exponent and integer ops of a and b; E1..E4
// are the FMA, with those results travelling beside it, so all ops share one
// latency (a, b in at E0, out 5 clocks later). Every rounding op is the FMA
// with chosen operands (one rounding path). MM's running value c and index
// ci enter one clock after a, b (at E1), so the accumulation loop is 4 long.
// op = {page, func}: page 0 the float VOP funcs, page 1 the int32 VOP funcs,
// page 2 the MM steps (docs/accel.md).
module accel_lane (
    input  wire        clk,
    input  wire [5:0]  op,
    input  wire [31:0] a, b,         // at E0
    input  wire [15:0] k,            // MM step, at E0
    input  wire [31:0] c,            // MM's running value (fed back from out), at E1
    input  wire [15:0] ci,           // MM's running argmax index, at E1
    output wire [31:0] out,
    output reg  [15:0] out_idx
);
    localparam OP_ADD = 6'd0, OP_SUB = 6'd1, OP_MUL = 6'd2, OP_MAX = 6'd3, OP_LT = 6'd4,
               OP_EQ = 6'd5, OP_RELU = 6'd6, OP_NEG = 6'd7, OP_COPY = 6'd8, OP_KEEP = 6'd9,
               OP_DROP = 6'd10, OP_OR = 6'd11, OP_FLOOR = 6'd12, OP_EXP2I = 6'd13,
               OP_MANT = 6'd14, OP_EXPO = 6'd15,
               OP_IADD = 6'd16, OP_ISUB = 6'd17, OP_IMAX = 6'd19, OP_ILT = 6'd20, OP_IEQ = 6'd21,
               OP_ITOF = 6'd24, OP_FTOI = 6'd25,
               OP_FMA = 6'd32, OP_MAXACC = 6'd33, OP_ARGMAX = 6'd34, OP_PASS = 6'd35;
    localparam [31:0] ONE = 32'h3F800000, NEG_ONE = 32'hBF800000, NEG_ZERO = 32'h80000000,
                      QNAN = 32'h7FC00000, INF = 32'h7F800000, NEG_INF = 32'hFF800000,
                      TWO23_127 = 32'hCB00007F,       // -(2^23 + 127)
                      INT_MIN = 32'h80000000;

    wire [7:0] ea = a[30:23];
    // floor: clear the fraction bits (trunc), then subtract 1 if a negative
    // number lost a nonzero fraction. Subnormals count as zero.
    wire [7:0]  frac_bits = 8'd150 - ea;
    wire [22:0] frac_mask = (ea >= 8'd150) ? 23'd0 : (ea < 8'd127) ? 23'h7FFFFF : ~(23'h7FFFFF << frac_bits);
    wire        frac_lost = ea != 0 && (ea < 8'd127 || |(a[22:0] & frac_mask));
    wire [31:0] trunc = (ea < 8'd127) ? {a[31], 31'd0} : {a[31], ea, a[22:0] & ~frac_mask};

    // ---------------- E0 ----------------
    reg [31:0] fx, fy, fz;
    always @* begin
        case (op)
            OP_ADD:   begin fx = a; fy = ONE; fz = b; end
            OP_SUB:   begin fx = a; fy = ONE; fz = b ^ NEG_ZERO; end
            OP_MUL:   begin fx = a; fy = b; fz = NEG_ZERO; end
            // trunc enters as the addend: it stays off the path into the multiplier
            OP_FLOOR: begin fx = (a[31] && frac_lost) ? NEG_ONE : NEG_ZERO; fy = ONE; fz = trunc; end
            // exponent as a float: (2^23 + e) - (2^23 + 127), both exact
            OP_EXPO:  begin fx = {9'h096, 15'd0, ea}; fy = ONE; fz = TWO23_127; end
            default:  begin fx = a; fy = b; fz = 32'd0; end    // OP_FMA: a * b + c; ITOF: a
        endcase
    end

    // Total order on non-NaN floats: flip negatives so integer compare works.
    function [32:0] key(input [31:0] v);
        key = v[31] ? {1'b0, ~v} : {1'b1, v};
    endfunction
    function is_nan(input [31:0] v);
        is_nan = &v[30:23] && |v[22:0];
    endfunction
    wire        any_nan = is_nan(a) || is_nan(b);
    wire        both_zero = ~|a[30:0] && ~|b[30:0];
    wire        less = !any_nan && !both_zero && key(a) < key(b);
    wire        equal = !any_nan && (a == b || both_zero);
    wire        greater_ab = !both_zero && key(a) > key(b);

    // exp2i: 2^k for an integer-valued k (fraction dropped), 0 below 2^-126, inf from 2^128.
    wire [7:0]  k_mag = (ea < 8'd127) ? 8'd0 : (ea > 8'd134) ? 8'd255 : ({1'b1, a[22:16]} >> (8'd134 - ea));
    wire [31:0] pow2 = !a[31] ? ((k_mag > 8'd127) ? INF : {1'b0, k_mag + 8'd127, 23'd0})
                              : ((k_mag > 8'd126) ? 32'd0 : {1'b0, 8'd127 - k_mag, 23'd0});

    // ftoi: truncate toward zero; NaN and magnitudes from 2^31 give INT_MIN.
    wire [31:0] mag = (ea >= 8'd150) ? {8'd0, 1'b1, a[22:0]} << (ea - 8'd150)
                                     : {8'd0, 1'b1, a[22:0]} >> (8'd150 - ea);
    wire [31:0] to_int = (ea >= 8'd158) ? INT_MIN : (ea < 8'd127) ? 32'd0 : a[31] ? -mag : mag;

    reg [31:0] simple;
    reg        use_fma;
    always @* begin
        use_fma = 0;
        simple = 32'd0;
        case (op)
            OP_MAX:   simple = any_nan ? QNAN : (greater_ab ? a : b);
            OP_LT:    simple = less ? ONE : 32'd0;
            OP_EQ:    simple = equal ? ONE : 32'd0;
            OP_RELU:  simple = is_nan(a) ? QNAN : ((!a[31] && |a[30:0]) ? a : 32'd0);
            OP_NEG:   simple = a ^ NEG_ZERO;
            OP_COPY:  simple = a;
            OP_KEEP:  simple = |a[30:0] ? b : 32'd0;      // where = or(keep(c, x), drop(c, y))
            OP_DROP:  simple = |a[30:0] ? 32'd0 : b;
            OP_OR:    simple = a | b;
            OP_EXP2I: simple = is_nan(a) ? QNAN : pow2;
            // mantissa in [1, 2): NaN for NaN and negative numbers, 1 for zero and infinity
            OP_MANT:  simple = (is_nan(a) || (a[31] && ea != 0)) ? QNAN
                               : (ea == 0 || ea == 8'hFF) ? ONE : {9'h07F, a[22:0]};
            OP_EXPO: begin
                simple = is_nan(a) ? QNAN : (ea == 0) ? NEG_INF : INF;
                use_fma = !is_nan(a) && ea != 0 && ea != 8'hFF;
            end
            OP_IADD:  simple = a + b;
            OP_ISUB:  simple = a - b;
            OP_IMAX:  simple = ($signed(a) > $signed(b)) ? a : b;
            OP_ILT:   simple = {31'd0, $signed(a) < $signed(b)};
            OP_IEQ:   simple = {31'd0, a == b};
            OP_FTOI:  simple = is_nan(a) ? INT_MIN : to_int;
            OP_PASS:  simple = b;
            OP_ADD, OP_SUB, OP_MUL, OP_FLOOR, OP_ITOF, OP_FMA: use_fma = 1;
            default: ;
        endcase
    end

    reg [31:0] x1, y1, z1, b1, simple1;
    reg [5:0]  op1;
    reg [15:0] k1;
    reg        use_fma1;
    always @(posedge clk) begin
        x1 <= fx;
        y1 <= fy;
        z1 <= fz;
        b1 <= b;
        op1 <= op;
        k1 <= k;
        simple1 <= simple;
        use_fma1 <= use_fma;
    end

    // ---------------- E1: the FMA starts; MM's max steps meet c ----------------
    wire [31:0] fma_out;
    accel_fma fma (.clk(clk), .int_mode(op1 == OP_ITOF), .x(x1), .y(y1),
                   .z(op1 == OP_FMA ? c : z1), .out(fma_out));
    // For MAXACC and ARGMAX the running value is c and the new element is b1.
    wire        mm_nan = is_nan(c) || is_nan(b1);
    wire        mm_zeros = ~|c[30:0] && ~|b1[30:0];
    wire        c_greater = !mm_zeros && key(c) > key(b1);
    // argmax keeps the first maximal element: a later one wins only if strictly
    // greater, or if it is the first NaN.
    wire        take = is_nan(b1) ? !is_nan(c) : (!is_nan(c) && !mm_zeros && key(b1) > key(c));

    // The non-FMA result waits beside the FMA's four stages.
    reg [31:0] simple_d [1:4];
    reg        use_fma_d [1:4];
    reg [15:0] idx_d [1:3];
    integer s;
    always @(posedge clk) begin
        simple_d[1] <= op1 == OP_MAXACC ? (mm_nan ? QNAN : (c_greater ? c : b1))
                     : op1 == OP_ARGMAX ? (take ? b1 : c) : simple1;
        use_fma_d[1] <= use_fma1;
        idx_d[1] <= (op1 == OP_ARGMAX && take) ? k1 : ci;
        for (s = 2; s <= 4; s = s + 1) begin
            simple_d[s] <= simple_d[s - 1];
            use_fma_d[s] <= use_fma_d[s - 1];
        end
        idx_d[2] <= idx_d[1];
        idx_d[3] <= idx_d[2];
        out_idx <= idx_d[3];
    end
    assign out = use_fma_d[4] ? fma_out : simple_d[4];
endmodule
