// fma.v - IEEE-754 single-precision fused multiply-add in four pipeline
// stages: out = round_nearest_even(x * y + z), computed exactly and rounded
// once, valid 4 clocks after x, y, z are presented (one new operation per clock).
//   E1 multiply mantissas, exponent difference, special cases
//   E2 align the smaller operand (sticky bit), add or subtract
//   E3 normalise, first half (shift by 32, 16, 8)
//   E4 normalise, second half (4, 2, 1), round, pack
// Subnormal inputs are read as signed zeros and results whose exact value
// lies below 2^-126 flush to signed zero (tininess before rounding).
// Every NaN result is the canonical quiet NaN 0x7FC00000.
// int_mode reads x as a signed 32-bit integer and returns it as a float
// (y and z ignored): the integer enters as the "product" and takes the same
// normalise-and-round path.
module accel_fma (
    input  wire        clk,
    input  wire        int_mode,
    input  wire [31:0] x, y, z,
    output reg  [31:0] out
);
    localparam [31:0] QNAN = 32'h7FC00000;

    // ---------------- E1 ----------------
    wire        sx = x[31], sy = y[31];
    wire        sz = int_mode ? 1'b0 : z[31];
    wire [7:0]  ex = x[30:23], ey = y[30:23], ez = int_mode ? 8'd0 : z[30:23];
    wire        x_nan = !int_mode && &ex && |x[22:0], y_nan = !int_mode && &ey && |y[22:0];
    wire        z_nan = &ez && |z[22:0];
    wire        x_inf = !int_mode && &ex && ~|x[22:0], y_inf = !int_mode && &ey && ~|y[22:0];
    wire        z_inf = &ez && ~|z[22:0];
    wire        z_zero = ~|ez;                          // subnormals count as zero
    wire        p_zero = int_mode ? ~|x : (~|ex | ~|ey);
    wire        p_inf = x_inf | y_inf;
    wire        sp = int_mode ? sx : sx ^ sy;           // sign of the product
    wire [31:0] x_abs = sx ? -x : x;

    // Both operands as integers in a common frame: value = m * 2^(e - 127 - 49).
    // Product: 48-bit mantissa (3 guard bits added in E2); addend aligned at the same top.
    wire [47:0]        prod = int_mode ? {16'd0, x_abs} : {1'b1, x[22:0]} * {1'b1, y[22:0]};
    wire signed [10:0] ep = int_mode ? 11'sd173 : $signed({3'b0, ex}) + $signed({3'b0, ey}) - 11'sd127;
    wire signed [10:0] ezs = $signed({3'b0, ez});
    wire signed [10:0] diff = ep - ezs;
    wire        p_big = diff >= 0 || z_zero;              // product has the larger exponent
    wire [10:0] shift_by = p_big ? diff : -diff;

    reg        special1;
    reg [31:0] special_val;
    always @* begin
        special1 = 1;
        if (x_nan || y_nan || z_nan || (p_inf && p_zero) || (p_inf && z_inf && sp != sz))
            special_val = QNAN;
        else if (p_inf)
            special_val = {sp, 8'hFF, 23'd0};
        else if (z_inf)
            special_val = {sz, 8'hFF, 23'd0};
        else if (p_zero && z_zero)
            special_val = {sp & sz, 31'd0};            // -0 only when both are -0
        else if (p_zero)
            special_val = z;
        else begin
            special1 = 0;
            special_val = 32'd0;
        end
    end

    reg [47:0]        prod2;
    reg [23:0]        mz2;
    reg signed [10:0] ep2, ez2;
    reg [10:0]        shift2;
    reg               sp2, sz2, p_big2, special2;
    reg [31:0]        special_val2;
    always @(posedge clk) begin
        prod2 <= prod;
        mz2 <= z_zero ? 24'd0 : {1'b1, z[22:0]};
        ep2 <= ep;
        ez2 <= ezs;
        shift2 <= shift_by;
        p_big2 <= p_big;
        sp2 <= sp;
        sz2 <= sz;
        special2 <= special1;
        special_val2 <= special_val;
    end

    // ---------------- E2 ----------------
    wire [50:0] mp = {prod2, 3'b000};
    wire [50:0] mzf = {1'b0, mz2, 26'b0};
    wire [50:0] lesser = p_big2 ? mzf : mp;
    wire [50:0] greater = p_big2 ? mp : mzf;
    reg  [50:0] shifted;
    reg         lost;
    always @* begin
        if (shift2 > 11'd52) begin
            shifted = 51'd0;
            lost = |lesser;
        end else begin
            shifted = lesser >> shift2;
            lost = |(lesser & ~({51{1'b1}} << shift2));
        end
    end
    wire [50:0] aligned = {shifted[50:1], shifted[0] | lost};
    // Add or subtract magnitudes; the larger one sets the sign. Both
    // differences are formed at once and the borrow picks the positive one.
    wire        subtract = sp2 ^ sz2;
    wire [51:0] g_minus_a = {1'b0, greater} - {1'b0, aligned};
    wire [51:0] a_minus_g = {1'b0, aligned} - {1'b0, greater};
    wire        swap = subtract && g_minus_a[51];
    wire [51:0] sum = subtract ? (swap ? a_minus_g : g_minus_a) : greater + aligned;

    reg [51:0]        sum3;
    reg signed [10:0] e_big3;
    reg               s_sum3, special3;
    reg [31:0]        special_val3;
    always @(posedge clk) begin
        sum3 <= sum;
        e_big3 <= p_big2 ? ep2 : ez2;
        s_sum3 <= swap ^ (p_big2 ? sp2 : sz2);
        special3 <= special2;
        special_val3 <= special_val2;
    end

    // ---------------- E3: shift the leading one towards bit 51 ----------------
    reg [51:0] n3;
    reg [5:0]  lz3;
    always @* begin
        n3 = sum3;
        lz3 = 0;
        if (~|n3[51:20]) begin n3 = n3 << 32; lz3 = lz3 + 32; end
        if (~|n3[51:36]) begin n3 = n3 << 16; lz3 = lz3 + 16; end
        if (~|n3[51:44]) begin n3 = n3 << 8; lz3 = lz3 + 8; end
    end

    reg [51:0]        n4;
    reg [5:0]         lz4;
    reg signed [10:0] e_big4;
    reg               s_sum4, zero4, special4;
    reg [31:0]        special_val4;
    always @(posedge clk) begin
        n4 <= n3;
        lz4 <= lz3;
        e_big4 <= e_big3;
        s_sum4 <= s_sum3;
        zero4 <= ~|sum3;
        special4 <= special3;
        special_val4 <= special_val3;
    end

    // ---------------- E4: finish normalising, round, pack ----------------
    reg [51:0] norm;
    reg [5:0]  lz;
    always @* begin
        norm = n4;
        lz = lz4;
        if (~|norm[51:48]) begin norm = norm << 4; lz = lz + 4; end
        if (~|norm[51:50]) begin norm = norm << 2; lz = lz + 2; end
        if (!norm[51]) begin norm = norm << 1; lz = lz + 1; end
    end
    wire signed [10:0] e_res = e_big4 + 11'sd2 - $signed({5'b0, lz});
    wire [23:0] kept = norm[51:28];
    wire        round_up = norm[27] && (|norm[26:0] || kept[0]);
    wire [24:0] rounded = {1'b0, kept} + round_up;
    wire signed [10:0] e_final = e_res + rounded[24];
    wire [22:0] frac = rounded[24] ? rounded[23:1] : rounded[22:0];

    always @(posedge clk) begin
        if (special4)
            out <= special_val4;
        else if (zero4)
            out <= 32'd0;                               // exact cancellation gives +0
        else if (e_res <= 0)
            out <= {s_sum4, 31'd0};                     // tiny: flush to zero
        else if (e_final >= 255)
            out <= {s_sum4, 8'hFF, 23'd0};              // overflow to infinity
        else
            out <= {s_sum4, e_final[7:0], frac};
    end
endmodule
