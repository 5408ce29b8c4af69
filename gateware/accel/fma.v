// fma.v - IEEE-754 single-precision fused multiply-add, combinational:
// out = round_nearest_even(x * y + z), computed exactly and rounded once.
// Subnormal inputs are read as signed zeros and results whose exact value
// lies below 2^-126 flush to signed zero (tininess before rounding).
// Every NaN result is the canonical quiet NaN 0x7FC00000.
module accel_fma (
    input  wire [31:0] x, y, z,
    output reg  [31:0] out
);
    localparam [31:0] QNAN = 32'h7FC00000;

    wire        sx = x[31], sy = y[31], sz = z[31];
    wire [7:0]  ex = x[30:23], ey = y[30:23], ez = z[30:23];
    wire        x_nan = &ex && |x[22:0], y_nan = &ey && |y[22:0], z_nan = &ez && |z[22:0];
    wire        x_inf = &ex && ~|x[22:0], y_inf = &ey && ~|y[22:0], z_inf = &ez && ~|z[22:0];
    wire        x_zero = ~|ex, y_zero = ~|ey, z_zero = ~|ez;       // subnormals count as zero

    wire [23:0] mx = {1'b1, x[22:0]}, my = {1'b1, y[22:0]};
    wire [23:0] mz = z_zero ? 24'd0 : {1'b1, z[22:0]};
    wire        sp = sx ^ sy;                       // sign of the product
    wire        p_zero = x_zero | y_zero;
    wire        p_inf = x_inf | y_inf;

    // Both operands as integers in a common frame: value = m * 2^(e - 127 - 49).
    // Product: 48-bit mantissa, 3 guard bits below; addend: aligned at the same top.
    wire [47:0]        prod = mx * my;
    wire [50:0]        mp = {prod, 3'b000};
    wire [50:0]        mzf = {1'b0, mz, 26'b0};
    wire signed [10:0] ep = $signed({3'b0, ex}) + $signed({3'b0, ey}) - 11'sd127;
    wire signed [10:0] ezs = $signed({3'b0, ez});
    wire signed [10:0] diff = ep - ezs;
    wire        p_big = diff >= 0 || z_zero;        // product has the larger exponent

    // Shift the operand with the smaller exponent right, keeping a sticky bit.
    wire [10:0] shift_by = p_big ? diff : -diff;
    wire [50:0] lesser = p_big ? mzf : mp;
    wire [50:0] greater   = p_big ? mp : mzf;
    wire signed [10:0] e_big = p_big ? ep : ezs;
    reg  [50:0] shifted;
    reg         lost;
    always @* begin
        if (shift_by > 11'd52) begin
            shifted = 51'd0;
            lost = |lesser;
        end else begin
            shifted = lesser >> shift_by;
            lost = |(lesser & ~({51{1'b1}} << shift_by));
        end
    end
    wire [50:0] aligned = {shifted[50:1], shifted[0] | lost};

    // Add or subtract magnitudes; the larger one sets the sign.
    wire        s_big = p_big ? sp : sz;
    wire        subtract = sp ^ sz;
    wire        swap = subtract && (aligned > greater);
    wire [51:0] sum = subtract ? (swap ? aligned - greater : greater - aligned) : greater + aligned;
    wire        s_sum = swap ? ~s_big : s_big;

    // Normalise: leading one of sum to bit 51.
    reg [5:0] lead;
    integer i;
    always @* begin
        lead = 6'd0;
        for (i = 0; i < 52; i = i + 1)
            if (sum[i]) lead = i[5:0];
    end
    wire [51:0] norm = sum << (6'd51 - lead);
    wire signed [10:0] e_res = e_big + $signed({5'b0, lead}) - 11'sd49;
    wire [23:0] kept = norm[51:28];
    wire        guard = norm[27];
    wire        sticky = |norm[26:0];
    wire        round_up = guard && (sticky || kept[0]);
    wire [24:0] rounded = {1'b0, kept} + round_up;
    wire        carry = rounded[24];
    wire signed [10:0] e_final = e_res + carry;
    wire [22:0] frac = carry ? rounded[23:1] : rounded[22:0];

    always @* begin
        if (x_nan || y_nan || z_nan || (p_inf && p_zero) || (p_inf && z_inf && sp != sz))
            out = QNAN;
        else if (p_inf)
            out = {sp, 8'hFF, 23'd0};
        else if (z_inf)
            out = {sz, 8'hFF, 23'd0};
        else if (p_zero && z_zero)
            out = {sp & sz, 31'd0};                 // -0 only when both are -0
        else if (p_zero)
            out = z;
        else if (sum == 52'd0)
            out = 32'd0;                            // exact cancellation gives +0
        else if (e_res <= 0)
            out = {s_sum, 31'd0};                   // tiny: flush to zero
        else if (e_final >= 255)
            out = {s_sum, 8'hFF, 23'd0};            // overflow to infinity
        else
            out = {s_sum, e_final[7:0], frac};
    end
endmodule
