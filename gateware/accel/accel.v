// accel.v - the tensor accelerator: CSRs, a descriptor sequencer that fetches
// 8-word commands from main memory, a 2-D strided (optionally index-driven)
// DMA engine and LANES fp32 lanes working on a banked scratchpad. Command
// formats and timing: docs/accel.md.
//
// Data flow: CPU writes PROG and CTRL.start -> FETCH reads one descriptor over
// the Wishbone master -> LOAD/STORE hand it to the DMA engine (dma.v), which
// moves words between main memory and the scratchpad; a PREFETCH LOAD is
// queued and runs while the next MM computes -> VOP/MM issue one lane group
// per cycle into the lanes' pipeline (scratchpad read at t, lane stages
// E0..E4 at t+1..t+5, write-back at t+6) -> END raises done and the
// interrupt. MM hides the pipeline by rotating over PIPE output groups: step
// k+1 of a group reaches E1 exactly when its step k leaves E4, and takes it
// as the addend.
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
    localparam PIPE = 4;             // lane latency = MM's output groups in flight
    localparam [3:0] OP_END = 0, OP_LOAD = 1, OP_STORE = 2, OP_VOP = 3, OP_MM = 4;
    localparam [2:0] S_IDLE = 0, S_FETCH = 1, S_DECODE = 2, S_DMA = 3, S_VOP = 4, S_MM = 5, S_DRAIN = 6;
    localparam [5:0] LANE_FMA = 6'd32, LANE_MAXACC = 6'd33, LANE_ARGMAX = 6'd34, LANE_PASS = 6'd35;
    localparam [31:0] NEG_INF = 32'hFF800000;

    // ---------------- CSRs ----------------
    reg [2:0]  state;
    reg        done, error, index_error, irq_en, irq_pending;
    reg [31:0] prog, pc, cycles, busy_cycles;
    wire       busy = state != S_IDLE;
    wire       start = csr_we && csr_adr == 6'd0 && csr_dat_w[0] && !busy;
    assign irq = irq_en && irq_pending;

    always @(posedge clk) begin
        case (csr_adr)
            6'd0: csr_dat_r <= {31'd0, busy};
            6'd1: csr_dat_r <= {28'd0, index_error, error, done, busy};
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
    wire       flag0 = desc[0][8], flag1 = desc[0][9], flag2 = desc[0][10];
    wire [31:0] n = desc[4], rows = desc[5];

    reg [31:0] cnt_i, cnt_r, cnt_k;      // group (MM: first group of the set), row, contraction index
    reg [2:0]    slot;                   // MM: group within the set of PIPE
    reg [31:0] row_d, row_a, row_b;      // element addresses of the current row starts
    reg        mm_init;                  // MM with accumulate: reading D first

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
    wire [31:0] groups = (n + LANES - 1) >> LW;
    wire [31:0] mm_k = desc[6][15:0];
    wire [31:0] mm_lda = desc[7][15:0], mm_ldb = desc[7][31:16], mm_ldd = desc[6][31:16];
    wire [31:0] group = (state == S_MM) ? cnt_i + slot : cnt_i;
    wire        slot_valid = group < groups;
    wire [31:0] group_left = n - (group << LW);     // elements of this group and after
    wire [31:0] a_elem = (state == S_MM) ? row_a + cnt_k : row_a;   // scalar A operand
    reg  [LANES-1:0] issue_mask;
    integer l;
    always @* begin
        for (l = 0; l < LANES; l = l + 1)
            issue_mask[l] = l < group_left;
        raddr_a = 0;
        raddr_b = 0;
        case (state)
            S_DMA, S_DECODE, S_FETCH: begin             // a transfer started by this command
                raddr_a = dma_raddr_a;
                raddr_b = dma_raddr_b;
            end
            S_VOP: begin
                raddr_a = flag0 ? row_a >> LW : (row_a >> LW) + cnt_i;
                raddr_b = flag1 ? row_b >> LW : (row_b >> LW) + cnt_i;
            end
            S_MM: begin
                raddr_a = a_elem >> LW;
                raddr_b = mm_init ? (row_d >> LW) + group : (row_b >> LW) + group;   // row_b: B row k
            end
            default: ;
        endcase
    end

    // ---------------- lanes: E0 at t+1 (operand select) ... out at t+6 ----------------
    // Stage 1 holds what E0 needs; stages 2..6 carry the write-back to t+6.
    reg              first1, first2, mm1;
    reg [5:0]        op1;
    reg [LW-1:0]     asel1, bsel1;
    reg [15:0]       k1;
    reg              v_d [1:6], wr_d [1:6], idx_d [1:6];
    reg [GW-1:0]     d_d [1:6];
    reg [LANES-1:0]  mask_d [1:6];
    wire [31:0] a_scalar = rdata_a[32*asel1 +: 32];
    wire [31:0] b_scalar = rdata_b[32*bsel1 +: 32];
    wire [32*LANES-1:0] lane_out;
    wire [16*LANES-1:0] lane_idx;
    wire [31:0] acc_init = flag1 ? NEG_INF : 32'd0;
    genvar g;
    generate for (g = 0; g < LANES; g = g + 1) begin : lanes
        wire [31:0] la = (mm1 || flag0) ? a_scalar : rdata_a[32*g +: 32];
        wire [31:0] lb = (!mm1 && flag1) ? b_scalar : rdata_b[32*g +: 32];
        // MM's first step starts from 0 (or -inf), unless ACCUMULATE passed d in
        wire [31:0] lc = first2 ? acc_init : lane_out[32*g +: 32];     // at E1
        wire [15:0] lci = first2 ? 16'd0 : lane_idx[16*g +: 16];
        accel_lane lane (.clk(clk), .op(op1), .a(la), .b(lb), .c(lc), .k(k1), .ci(lci),
                         .out(lane_out[32*g +: 32]), .out_idx(lane_idx[16*g +: 16]));
    end endgenerate
    reg [32*LANES-1:0] result;
    always @* begin
        for (l = 0; l < LANES; l = l + 1)
            result[32*l +: 32] = idx_d[6] ? {16'd0, lane_idx[16*l +: 16]} : lane_out[32*l +: 32];
    end

    // ---------------- DMA engine ----------------
    // Decode: an ASYNC LOAD (not indexed) joins the queue if it has room; a
    // queued transfer starts with the next other command, which runs beside
    // it if it is an MM with K >= 2 and otherwise waits for it.
    wire        is_dma = opcode == OP_LOAD || opcode == OP_STORE;
    wire        dma_empty = n == 0 || rows == 0;
    wire        async_load = opcode == OP_LOAD && flag1 && !flag0 && !dma_empty;
    wire        mm_runs = n != 0 && rows != 0 && desc[6][15:0] != 0;
    wire        pairs = opcode == OP_MM && mm_runs && desc[6][15:0] >= 2;
    wire        dma_active, dma_finish, dma_index_error, dma_cyc, dma_we, dma_wvalid;
    wire [1:0]  dma_queued;
    wire [29:0] dma_adr;
    wire [31:0] dma_dat_w, dma_wdata;
    wire [GW-1:0] dma_raddr_a, dma_raddr_b, dma_waddr;
    wire [LANES-1:0] dma_wmask;
    wire        decode = state == S_DECODE;
    wire        dma_enqueue = decode && async_load && dma_queued != 2 && !dma_active;
    wire        dma_run_queue = decode && !dma_enqueue && dma_queued != 0;
    wire        dma_start = decode && is_dma && !dma_empty && !async_load && dma_queued == 0 && !dma_active;
    wire        lanes_write = v_d[6] && wr_d[6];
    accel_dma #(.LANES(LANES), .GW(GW)) dma (
        .clk(clk), .rst(rst), .abort(state == S_IDLE || (wb_cyc && wb_err)),
        .start(dma_start), .enqueue(dma_enqueue), .run_queue(dma_run_queue),
        .w0(desc[0]), .w1(desc[1]), .w2(desc[2]), .w3(desc[3]),
        .w4(desc[4]), .w5(desc[5]), .w6(desc[6]), .w7(desc[7]),
        .active(dma_active), .finish(dma_finish), .queued(dma_queued), .index_error(dma_index_error),
        .cyc(dma_cyc), .we(dma_we), .adr(dma_adr), .dat_w(dma_dat_w), .dat_r(wb_dat_r), .ack(wb_ack),
        .raddr_a(dma_raddr_a), .raddr_b(dma_raddr_b), .rdata_a(rdata_a), .rdata_b(rdata_b),
        .lanes_write(lanes_write), .wvalid(dma_wvalid), .waddr(dma_waddr), .wmask(dma_wmask),
        .wdata(dma_wdata));

    // ---------------- Wishbone master: the DMA, else descriptor fetch ----------------
    wire fetching = state == S_FETCH && !dma_active;
    assign wb_cyc = dma_active ? dma_cyc : fetching;
    assign wb_stb = wb_cyc;
    assign wb_sel = 4'hF;
    always @* begin
        wb_we = dma_active && dma_we;
        wb_adr = dma_active ? dma_adr : (pc >> 2) + fetch_idx;
        wb_dat_w = dma_dat_w;
    end

    // Write port: the lanes write one group, else the DMA one loaded word.
    always @* begin
        we = 0;
        waddr = 0;
        wmask = 0;
        wdata = {LANES{dma_wdata}};
        if (lanes_write) begin
            we = 1;
            waddr = d_d[6];
            wmask = mask_d[6];
            wdata = result;
        end else if (dma_wvalid) begin
            we = 1;
            waddr = dma_waddr;
            wmask = dma_wmask;
        end
    end

    // ---------------- sequencer ----------------
    integer s;
    always @(posedge clk) begin
        cycles <= cycles + 1;
        if (busy)
            busy_cycles <= busy_cycles + 1;
        if (csr_we && csr_adr == 6'd2) prog <= csr_dat_w;
        if (csr_we && csr_adr == 6'd3) irq_en <= csr_dat_w[0];
        if (csr_we && csr_adr == 6'd4 && csr_dat_w[0]) irq_pending <= 0;

        first2 <= first1;
        for (s = 2; s <= 6; s = s + 1) begin
            v_d[s] <= v_d[s - 1];
            wr_d[s] <= wr_d[s - 1];
            idx_d[s] <= idx_d[s - 1];
            d_d[s] <= d_d[s - 1];
            mask_d[s] <= mask_d[s - 1];
        end
        v_d[1] <= 0;
        d_d[1] <= (row_d >> LW) + group;
        mask_d[1] <= issue_mask;

        case (state)
            S_IDLE: if (start) begin
                pc <= prog;
                fetch_idx <= 0;
                done <= 0;
                error <= 0;
                index_error <= 0;
                busy_cycles <= 0;
                state <= S_FETCH;
            end
            S_FETCH: if (fetching && wb_ack) begin
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
                slot <= 0;
                row_d <= desc[1];
                row_a <= desc[2];
                row_b <= desc[3];
                mm_init <= flag0;
                if (dma_enqueue)
                    state <= S_FETCH;
                else if (pairs && dma_run_queue)
                    state <= S_MM;
                else if (dma_run_queue || dma_active)
                    state <= S_DECODE;                  // wait for the queued transfers
                else case (opcode)
                    OP_END: begin
                        done <= 1;
                        irq_pending <= 1;
                        state <= S_IDLE;
                    end
                    OP_LOAD, OP_STORE: state <= dma_empty ? S_FETCH : S_DMA;
                    OP_VOP: state <= (n == 0 || rows == 0) ? S_FETCH : S_VOP;
                    OP_MM: state <= mm_runs ? S_MM : S_FETCH;
                    default: begin
                        error <= 1;
                        irq_pending <= 1;
                        state <= S_IDLE;
                    end
                endcase
            end
            S_DMA: if (dma_finish) state <= S_FETCH;
            S_VOP: begin
                mm1 <= 0;
                first1 <= 0;
                op1 <= {1'b0, flag2, func};
                asel1 <= row_a[LW-1:0];
                bsel1 <= row_b[LW-1:0];
                v_d[1] <= 1;
                wr_d[1] <= 1;
                idx_d[1] <= 0;
                cnt_i <= cnt_i + 1 == groups ? 0 : cnt_i + 1;
                if (cnt_i + 1 == groups) begin
                    cnt_r <= cnt_r + 1;
                    row_d <= row_d + desc[6];
                    row_a <= row_a + desc[7][15:0];
                    row_b <= row_b + desc[7][31:16];
                    if (cnt_r + 1 == rows) state <= S_DRAIN;
                end
            end
            S_MM: begin
                // One set of PIPE output groups of row cnt_r: (init +) K steps, each PIPE issues.
                mm1 <= 1;
                first1 <= !mm_init && !flag0 && cnt_k == 0;
                op1 <= mm_init ? LANE_PASS : !flag1 ? LANE_FMA : flag2 ? LANE_ARGMAX : LANE_MAXACC;
                asel1 <= a_elem[LW-1:0];
                k1 <= cnt_k[15:0];
                v_d[1] <= slot_valid;
                wr_d[1] <= !mm_init && cnt_k + 1 == mm_k;
                idx_d[1] <= flag1 && flag2;
                slot <= slot + 1;
                if (slot == PIPE - 1) begin
                    slot <= 0;
                    if (mm_init)
                        mm_init <= 0;
                    else if (cnt_k + 1 != mm_k) begin
                        cnt_k <= cnt_k + 1;
                        row_b <= row_b + mm_ldb;
                    end else begin
                        cnt_k <= 0;
                        row_b <= desc[3];
                        mm_init <= flag0;
                        if (cnt_i + PIPE < groups)
                            cnt_i <= cnt_i + PIPE;
                        else begin
                            cnt_i <= 0;
                            cnt_r <= cnt_r + 1;
                            row_a <= row_a + mm_lda;
                            row_d <= row_d + mm_ldd;
                            if (cnt_r + 1 == rows) state <= S_DRAIN;
                        end
                    end
                end
            end
            S_DRAIN: begin
                fetch_idx <= 0;
                state <= S_FETCH;
            end
            default: state <= S_IDLE;
        endcase
        if ((wb_cyc && wb_err) || dma_index_error) begin
            error <= 1;
            index_error <= dma_index_error;
            irq_pending <= 1;
            state <= S_IDLE;
        end
        if (state == S_DECODE)
            fetch_idx <= 0;
        if (rst) begin
            state <= S_IDLE;
            done <= 0;
            error <= 0;
            index_error <= 0;
            irq_en <= 0;
            irq_pending <= 0;
            prog <= 0;
            pc <= 0;
            cycles <= 0;
            busy_cycles <= 0;
            for (s = 1; s <= 6; s = s + 1)
                v_d[s] <= 0;
        end
    end
endmodule
