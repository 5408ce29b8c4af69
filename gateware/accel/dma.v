// dma.v - the accelerator's DMA engine: moves rows x n words between main
// memory (Wishbone master, byte addresses and strides) and the scratchpad,
// optionally with each row's main-memory address taken from an int32 index
// in the scratchpad (gather/scatter). Commands are the LOAD/STORE
// descriptors of docs/accel.md.
//
// A transfer starts at once (`start`, the sequencer waits for `finish`) or is
// queued (`enqueue`, up to 2 async LOADs) and started later by `run_queue`,
// so that it runs while the lanes compute. Loaded words go through an
// 8-entry write queue that yields the scratchpad write port to the lanes;
// the bus pauses only if it fills (never while an MM with K >= 2 writes).
module accel_dma #(parameter LANES = 4, parameter GW = 12) (
    input  wire        clk, rst, abort,
    input  wire        start, enqueue, run_queue,
    input  wire [31:0] w0, w1, w2, w3, w4, w5, w6, w7,   // the LOAD/STORE descriptor
    output wire        active,                           // transferring: owns the bus
    output wire        finish,                           // the last word moved this cycle
    output reg  [1:0]  queued,
    output wire        index_error,                      // an index outside [-bound, bound)
    // Wishbone master (the accelerator muxes it with descriptor fetch)
    output wire        cyc, we,
    output wire [29:0] adr,
    output wire [31:0] dat_w,
    input  wire [31:0] dat_r,
    input  wire        ack,
    // scratchpad: STORE data on read port a, indices on read port b, loads on the write port
    output reg  [GW-1:0] raddr_a, raddr_b,
    input  wire [32*LANES-1:0] rdata_a, rdata_b,
    input  wire        lanes_write,                      // the lanes own the write port this cycle
    output wire        wvalid,
    output wire [GW-1:0] waddr,
    output wire [LANES-1:0] wmask,
    output wire [31:0] wdata
);
    localparam LW = $clog2(LANES);
    localparam [2:0] D_IDLE = 0, D_INDEX = 1, D_INDEX2 = 2, D_INDEX3 = 3, D_PRE = 4, D_RUN = 5;

    // ---------------- the queue and the current transfer ----------------
    reg [255:0] queue [0:1];
    reg [31:0]  c [0:7];                                 // current descriptor
    wire        store = c[0][3:0] == 4'd2, indexed = c[0][8];
    wire [31:0] n = c[4], rows = c[5], srs = c[7][15:0], index_at = c[7][31:16];
    wire signed [31:0] bound = {16'd0, c[0][31:16]};
    reg [2:0]   state;
    reg [31:0]  i, r, maddr, mrow, saddr, srow, index;
    assign active = state != D_IDLE;

    wire        row_end = i + 1 == n;
    wire        last = row_end && r + 1 == rows;
    wire [31:0] next_maddr = row_end ? mrow + c[6] : maddr + c[3];
    wire [31:0] next_saddr = row_end ? srow + srs : saddr + 1;
    wire        take_next = state == D_RUN && ack && last && queued != 0;
    assign finish = state == D_RUN && ack && last && queued == 0;

    // ---------------- write queue (loaded words waiting for the write port) ----------------
    reg [GW+LW+31:0] wq [0:7];
    reg [2:0]        wq_head, wq_tail;
    reg [3:0]        wq_count;
    wire             push = state == D_RUN && !store && ack;
    assign wvalid = wq_count != 0 && !lanes_write;
    assign {waddr, wdata} = {wq[wq_head][GW+LW+31:LW+32], wq[wq_head][31:0]};
    assign wmask = 1 << wq[wq_head][LW+31:32];

    // ---------------- bus and scratchpad reads ----------------
    assign cyc = state == D_RUN && (store || wq_count < 4'd6);
    assign we = store;
    assign adr = maddr >> 2;
    assign dat_w = rdata_a[32*saddr[LW-1:0] +: 32];
    wire [31:0] index_addr = index_at + r;
    always @* begin
        raddr_a = ((state == D_RUN && ack) ? next_saddr : saddr) >> LW;   // STORE reads ahead
        raddr_b = index_addr >> LW;
    end
    wire signed [31:0] index_word = rdata_b[32*index_addr[LW-1:0] +: 32];
    wire        index_ok = index_word < bound && index_word >= -bound;
    assign index_error = state == D_INDEX2 && !index_ok;

    // Begin the transfer of descriptor d (flattened w7..w0).
    task begin_transfer(input [255:0] d);
        integer w;
        begin
            for (w = 0; w < 8; w = w + 1)
                c[w] <= d[32*w +: 32];
            i <= 0;
            r <= 0;
            saddr <= d[63:32];
            srow <= d[63:32];
            maddr <= d[95:64];
            mrow <= d[95:64];
            state <= d[8] ? D_INDEX : (d[3:0] == 4'd2) ? D_PRE : D_RUN;
        end
    endtask

    wire [255:0] incoming = {w7, w6, w5, w4, w3, w2, w1, w0};
    always @(posedge clk) begin
        if (push) begin
            wq[wq_tail] <= {saddr[GW+LW-1:0], dat_r};
            wq_tail <= wq_tail + 1;
        end
        if (wvalid)
            wq_head <= wq_head + 1;
        wq_count <= wq_count + push - wvalid;

        if (enqueue) begin
            queue[queued[0]] <= incoming;
            queued <= queued + 1;
        end
        if (start)
            begin_transfer(incoming);
        else if ((run_queue && state == D_IDLE && queued != 0) || take_next) begin
            begin_transfer(queue[0]);
            queue[0] <= queue[1];
            queued <= queued - 1;
        end else case (state)
            D_INDEX: state <= D_INDEX2;
            D_INDEX2: begin
                index <= index_word < 0 ? index_word + bound : index_word;
                state <= index_ok ? D_INDEX3 : D_IDLE;
            end
            D_INDEX3: begin
                maddr <= c[2] + index * c[6];
                mrow <= c[2] + index * c[6];
                state <= store ? D_PRE : D_RUN;
            end
            D_PRE: state <= D_RUN;
            D_RUN: if (ack) begin
                i <= row_end ? 0 : i + 1;
                maddr <= next_maddr;
                saddr <= next_saddr;
                if (row_end) begin
                    r <= r + 1;
                    mrow <= mrow + c[6];
                    srow <= srow + srs;
                    if (indexed) state <= D_INDEX;
                end
                if (last) state <= D_IDLE;
            end
            default: state <= D_IDLE;
        endcase
        if (rst || abort) begin
            state <= D_IDLE;
            queued <= 0;
        end
        if (rst) begin
            wq_head <= 0;
            wq_tail <= 0;
            wq_count <= 0;
        end
    end
endmodule
