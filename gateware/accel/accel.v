// accel.v - the tensor accelerator: CSRs, a descriptor sequencer that fetches
// 8-word commands from main memory, a 2-D strided DMA engine and LANES fp32
// lanes working on a banked scratchpad. Command formats: docs/accel.md.
//
// Data flow: CPU writes PROG and CTRL.start -> FETCH reads one descriptor over
// the Wishbone master -> LOAD/STORE move words between main memory and the
// scratchpad, VOP/MM stream scratchpad groups through the lanes (issue one
// group per cycle, results written back one cycle later) -> END raises done
// and the interrupt.
module accel #(
    parameter LANES = 4,             // power of two
    parameter SPAD_WORDS = 16384     // power of two, multiple of LANES
) (
    input  wire        clk, rst,
    // CSR slave (LiteX CSR bus style: word address, read data one cycle later)
    input  wire [5:0]  csr_adr,
    input  wire        csr_we,
    input  wire [31:0] csr_dat_w,
    output reg  [31:0] csr_dat_r,
    output wire        irq,
    // Wishbone classic master, 32-bit, word addresses
    output reg  [29:0] wb_adr,
    output reg  [31:0] wb_dat_w,
    input  wire [31:0] wb_dat_r,
    output wire [3:0]  wb_sel,
    output wire        wb_cyc, wb_stb,
    output reg         wb_we,
    input  wire        wb_ack, wb_err
);
    localparam LW = $clog2(LANES);
    localparam GROUPS = SPAD_WORDS / LANES;
    localparam GW = $clog2(GROUPS);
    localparam [3:0] OP_END = 0, OP_LOAD = 1, OP_STORE = 2, OP_VOP = 3, OP_MM = 4;
    localparam [3:0] S_IDLE = 0, S_FETCH = 1, S_DECODE = 2, S_LOAD = 3, S_STORE_PRE = 4,
                     S_STORE = 5, S_VOP = 6, S_MM = 7, S_DRAIN = 8;
    localparam [4:0] LANE_FMA = 5'd16, LANE_MAXACC = 5'd17;
    localparam [31:0] NEG_INF = 32'hFF800000;

    // ---------------- CSRs ----------------
    reg [3:0]  state;
    reg        done, error, irq_en, irq_pending;
    reg [31:0] prog, pc, cycles, busy_cycles;
    wire       busy = state != S_IDLE;
    wire       start = csr_we && csr_adr == 6'd0 && csr_dat_w[0] && !busy;
    assign irq = irq_en && irq_pending;

    always @(posedge clk) begin
        case (csr_adr)
            6'd0: csr_dat_r <= {31'd0, busy};
            6'd1: csr_dat_r <= {29'd0, error, done, busy};
            6'd2: csr_dat_r <= prog;
            6'd3: csr_dat_r <= {31'd0, irq_en};
            6'd4: csr_dat_r <= {31'd0, irq_pending};
            6'd5: csr_dat_r <= cycles;
            6'd6: csr_dat_r <= busy_cycles;
            6'd7: csr_dat_r <= pc;
            6'd8: csr_dat_r <= LANES | (SPAD_WORDS << 8);
            default: csr_dat_r <= 32'd0;
        endcase
    end

    // ---------------- descriptor and loop counters ----------------
    reg [31:0] desc [0:7];
    reg [2:0]  fetch_idx;
    wire [3:0] opcode = desc[0][3:0];
    wire [3:0] func = desc[0][7:4];
    wire       flag0 = desc[0][8], flag1 = desc[0][9];
    wire [31:0] n = desc[4], rows = desc[5];

    reg [31:0] cnt_i, cnt_r, cnt_k;      // element/group, row, contraction index
    reg [31:0] rem;                      // elements left in this row from group cnt_i on
    reg [31:0] row_d, row_a, row_b;      // element addresses of the current row starts
    reg [31:0] maddr, mrow;              // DMA: main-memory byte addresses
    reg [31:0] saddr;                    // DMA: scratchpad word address
    reg        mm_init;                  // MM with accumulate: reading D first

    // DMA address steps (combinational, also used to prefetch for STORE).
    wire        dma_row_end = cnt_i + 1 == n;
    wire        dma_last = dma_row_end && cnt_r + 1 == rows;
    wire [31:0] next_maddr = dma_row_end ? mrow + desc[6] : maddr + desc[3];
    wire [31:0] next_saddr = dma_row_end ? row_d + desc[7] : saddr + 1;

    // ---------------- scratchpad ----------------
    reg  [GW-1:0]        raddr_a, raddr_b, waddr;
    reg  [LANES-1:0]     wmask;
    reg                  we;
    reg  [32*LANES-1:0]  wdata;
    wire [32*LANES-1:0]  rdata_a, rdata_b;
    accel_spad #(.LANES(LANES), .GROUPS(GROUPS), .GW(GW)) spad (
        .clk(clk), .we(we), .wmask(wmask), .waddr(waddr), .wdata(wdata),
        .raddr_a(raddr_a), .raddr_b(raddr_b), .rdata_a(rdata_a), .rdata_b(rdata_b));

    // ---------------- issue stage (cycle t): which groups to read ----------------
    wire [31:0] vop_groups = (n + LANES - 1) >> LW;
    wire        vop_row_end = cnt_i + 1 == vop_groups;
    wire [31:0] mm_k = desc[6][15:0];
    wire [31:0] mm_lda = desc[7][15:0], mm_ldb = desc[7][31:16], mm_ldd = desc[6][31:16];
    wire [31:0] a_elem = (state == S_MM) ? row_a + cnt_k : row_a;   // scalar A operand
    reg  [LANES-1:0] issue_mask;
    integer l;
    always @* begin
        for (l = 0; l < LANES; l = l + 1)
            issue_mask[l] = l < rem;
        raddr_a = 0;
        raddr_b = 0;
        case (state)
            S_STORE_PRE, S_STORE: raddr_a = ((state == S_STORE && wb_ack) ? next_saddr : saddr) >> LW;
            S_VOP: begin
                raddr_a = flag0 ? row_a >> LW : (row_a >> LW) + cnt_i;
                raddr_b = flag1 ? row_b >> LW : (row_b >> LW) + cnt_i;
            end
            S_MM: begin
                raddr_a = a_elem >> LW;
                raddr_b = mm_init ? (row_d >> LW) + cnt_i : (row_b >> LW) + cnt_i;   // row_b: B row k
            end
            default: ;
        endcase
    end

    // ---------------- execute stage (cycle t+1): lanes and write-back ----------------
    reg              v1, init1, first1, last1, mm1;
    reg [GW-1:0]     d1;
    reg [LANES-1:0]  mask1;
    reg [LW-1:0]     asel1, bsel1;
    reg [32*LANES-1:0] acc;
    wire [31:0] a_scalar = rdata_a[32*asel1 +: 32];
    wire [31:0] b_scalar = rdata_b[32*bsel1 +: 32];
    wire [32*LANES-1:0] lane_out;
    wire [4:0] lane_op = mm1 ? (flag1 ? LANE_MAXACC : LANE_FMA) : {1'b0, func};
    wire [31:0] acc_init = flag1 ? NEG_INF : 32'd0;
    genvar g;
    generate for (g = 0; g < LANES; g = g + 1) begin : lanes
        wire [31:0] la = mm1 ? a_scalar : (flag0 ? a_scalar : rdata_a[32*g +: 32]);
        wire [31:0] lb = (!mm1 && flag1) ? b_scalar : rdata_b[32*g +: 32];
        // MM's first step starts from 0 (or -inf), unless ACCUMULATE loaded acc from d
        wire [31:0] lc = (first1 && !flag0) ? acc_init : acc[32*g +: 32];
        accel_lane lane (.op(lane_op), .a(la), .b(lb), .c(lc), .out(lane_out[32*g +: 32]));
    end endgenerate

    // ---------------- Wishbone master ----------------
    assign wb_cyc = state == S_FETCH || state == S_LOAD || state == S_STORE;
    assign wb_stb = wb_cyc;
    assign wb_sel = 4'hF;
    always @* begin
        wb_we = state == S_STORE;
        wb_adr = (state == S_FETCH) ? (pc >> 2) + fetch_idx : maddr >> 2;
        wb_dat_w = rdata_a[32*saddr[LW-1:0] +: 32];
    end

    // Write port: DMA loads one word; the lanes write one group.
    always @* begin
        we = 0;
        waddr = 0;
        wmask = 0;
        wdata = {LANES{wb_dat_r}};
        if (state == S_LOAD && wb_ack) begin
            we = 1;
            waddr = saddr >> LW;
            wmask = 1 << saddr[LW-1:0];
        end else if (v1 && !init1 && (!mm1 || last1)) begin
            we = 1;
            waddr = d1;
            wmask = mask1;
            wdata = lane_out;
        end
    end

    // ---------------- sequencer ----------------
    always @(posedge clk) begin
        cycles <= cycles + 1;
        if (busy)
            busy_cycles <= busy_cycles + 1;
        if (csr_we && csr_adr == 6'd2) prog <= csr_dat_w;
        if (csr_we && csr_adr == 6'd3) irq_en <= csr_dat_w[0];
        if (csr_we && csr_adr == 6'd4 && csr_dat_w[0]) irq_pending <= 0;

        // execute stage bookkeeping
        v1 <= 0;
        if (v1 && mm1)
            acc <= init1 ? rdata_b : lane_out;

        case (state)
            S_IDLE: if (start) begin
                pc <= prog;
                fetch_idx <= 0;
                done <= 0;
                error <= 0;
                busy_cycles <= 0;
                state <= S_FETCH;
            end
            S_FETCH: if (wb_ack) begin
                desc[fetch_idx] <= wb_dat_r;
                fetch_idx <= fetch_idx + 1;
                if (fetch_idx == 7) begin
                    pc <= pc + 32;
                    state <= S_DECODE;
                end
            end
            S_DECODE: begin
                cnt_i <= 0;
                cnt_r <= 0;
                cnt_k <= 0;
                rem <= (opcode == OP_MM) ? desc[4] : n;
                row_d <= desc[1];
                row_a <= desc[2];
                row_b <= desc[3];
                mm_init <= flag0;
                saddr <= desc[1];
                maddr <= desc[2];
                mrow <= desc[2];
                case (opcode)
                    OP_END: begin
                        done <= 1;
                        irq_pending <= 1;
                        state <= S_IDLE;
                    end
                    OP_LOAD: state <= (n == 0 || rows == 0) ? S_FETCH : S_LOAD;
                    OP_STORE: state <= (n == 0 || rows == 0) ? S_FETCH : S_STORE_PRE;
                    OP_VOP: state <= (n == 0 || rows == 0) ? S_FETCH : S_VOP;
                    OP_MM: state <= (n == 0 || rows == 0 || desc[6][15:0] == 0) ? S_FETCH : S_MM;
                    default: begin
                        error <= 1;
                        irq_pending <= 1;
                        state <= S_IDLE;
                    end
                endcase
            end
            S_LOAD, S_STORE: if (wb_ack) begin
                cnt_i <= dma_row_end ? 0 : cnt_i + 1;
                maddr <= next_maddr;
                saddr <= next_saddr;
                if (dma_row_end) begin
                    cnt_r <= cnt_r + 1;
                    mrow <= mrow + desc[6];
                    row_d <= row_d + desc[7];
                end
                if (dma_last) state <= S_FETCH;
            end
            S_STORE_PRE: state <= S_STORE;
            S_VOP: begin
                v1 <= 1;
                mm1 <= 0;
                init1 <= 0;
                d1 <= (row_d >> LW) + cnt_i;
                mask1 <= issue_mask;
                asel1 <= row_a[LW-1:0];
                bsel1 <= row_b[LW-1:0];
                cnt_i <= vop_row_end ? 0 : cnt_i + 1;
                rem <= vop_row_end ? n : rem - LANES;
                if (vop_row_end) begin
                    cnt_r <= cnt_r + 1;
                    row_d <= row_d + desc[6];
                    row_a <= row_a + desc[7][15:0];
                    row_b <= row_b + desc[7][31:16];
                    if (cnt_r + 1 == rows) state <= S_DRAIN;
                end
            end
            S_MM: begin
                // One (row i = cnt_r, group g = cnt_i) output tile is K issues long.
                v1 <= 1;
                mm1 <= 1;
                init1 <= mm_init;
                first1 <= !mm_init && cnt_k == 0;
                last1 <= !mm_init && cnt_k + 1 == mm_k;
                d1 <= (row_d >> LW) + cnt_i;
                mask1 <= issue_mask;
                asel1 <= a_elem[LW-1:0];
                if (mm_init)
                    mm_init <= 0;
                else if (cnt_k + 1 != mm_k) begin
                    cnt_k <= cnt_k + 1;
                    row_b <= row_b + mm_ldb;
                end else begin
                    cnt_k <= 0;
                    row_b <= desc[3];
                    mm_init <= flag0;
                    if (cnt_i + 1 != ((n + LANES - 1) >> LW)) begin
                        cnt_i <= cnt_i + 1;
                        rem <= rem - LANES;
                    end else begin
                        cnt_i <= 0;
                        rem <= n;
                        cnt_r <= cnt_r + 1;
                        row_a <= row_a + mm_lda;
                        row_d <= row_d + mm_ldd;
                        if (cnt_r + 1 == rows) state <= S_DRAIN;
                    end
                end
            end
            S_DRAIN: begin
                fetch_idx <= 0;
                state <= S_FETCH;
            end
            default: state <= S_IDLE;
        endcase
        if (wb_cyc && wb_err) begin
            error <= 1;
            irq_pending <= 1;
            state <= S_IDLE;
        end
        if (state == S_DECODE || (state == S_LOAD && wb_ack && dma_last)
            || (state == S_STORE && wb_ack && dma_last))
            fetch_idx <= 0;
        if (rst) begin
            state <= S_IDLE;
            done <= 0;
            error <= 0;
            irq_en <= 0;
            irq_pending <= 0;
            prog <= 0;
            pc <= 0;
            cycles <= 0;
            busy_cycles <= 0;
            v1 <= 0;
        end
    end
endmodule
