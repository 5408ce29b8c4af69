// Sv32 page-table walker, shared by instruction fetch and data. Given a
// virtual address it reads the root PTE, maybe the level-0 PTE, checks the
// leaf, sets A (and D for a store) by writing the PTE back when the access
// is otherwise allowed, and returns the TLB fill or a fault. The order of
// the checks is the emulator's (sim/emu/mmu.c, the golden model):
//   per level: table above 32 bits or not memory -> access fault;
//              bus error -> access fault;
//              V=0 or W without R -> page fault;
//              pointer -> next level (at level 0: page fault);
//   leaf:      permission -> page fault; misaligned superpage -> page fault;
//              A/D write-back (a bus error or a non-writable PTE -> access fault);
//              leaf frame above 32 bits -> access fault.
module b2g_ptw (
    input  wire        clk,
    input  wire        rst,
    input  wire        start,          // pulse; inputs held until done
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [31:0] vaddr,          // [11:0] unused
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [1:0]  acc,            // 0 fetch, 1 load, 2 store
    input  wire [1:0]  priv,
    input  wire        sum,
    input  wire        mxr,
    input  wire [21:0] satp_ppn,
    output wire        done,           // 1-cycle pulse
    output reg         page_fault,
    output reg         access_fault,
    output wire [19:0] fill_vpn,
    output wire [21:0] fill_pte_ppn,
    output wire [7:0]  fill_flags,
    output wire        fill_super,
    output wire        mem_req,
    output wire        mem_we,
    output wire [31:0] mem_addr,
    output wire [31:0] mem_wdata,
    input  wire [31:0] mem_rdata,
    input  wire        mem_ack,
    input  wire        mem_err,
    input  wire        mem_ok_addr     // mem_addr may be read (and, with mem_we, written)
);
    localparam IDLE = 3'd0, READ = 3'd1, DECIDE = 3'd2, WRITE = 3'd3, FINISH = 3'd4;
    reg [2:0]  state;
    reg        level;                  // 1: root table, 0: second level
    reg [21:0] table_ppn;              // the table being read
    reg [31:0] pte;

    // The PTE address: table_ppn above 32 bits is caught before the read.
    wire [9:0] index = level ? vaddr[31:22] : vaddr[21:12];
    assign mem_addr = {table_ppn[19:0], index, 2'b00};
    wire table_too_high = |table_ppn[21:20];

    wire [7:0] set_ad = {acc == 2'd2, 1'b1, 6'b0};     // D (for a store) and A
    assign mem_we = state == WRITE;
    assign mem_wdata = pte | {24'd0, set_ad};
    assign mem_req = (state == READ && !table_too_high && mem_ok_addr) ||
                     (state == WRITE && mem_ok_addr);

    // Decoding the PTE just read.
    wire valid = pte[0] && !(pte[2] && !pte[1]);
    wire leaf = pte[1] || pte[3];
    wire allowed, need_ad;
    b2g_pte_check check (.flags(pte[7:0]), .acc(acc), .priv(priv), .sum(sum), .mxr(mxr),
                         .allowed(allowed), .need_ad(need_ad));
    wire misaligned = level && pte[19:10] != 10'd0;
    wire frame_too_high = |pte[31:30];

    assign done = state == FINISH;
    assign fill_vpn = vaddr[31:12];
    assign fill_pte_ppn = pte[31:10];
    assign fill_flags = pte[7:0];
    assign fill_super = level;

    task finish(input pf, input af);
        begin
            page_fault <= pf;
            access_fault <= af;
            state <= FINISH;
        end
    endtask

    always @(posedge clk) begin
        if (rst) begin
            state <= IDLE;
            page_fault <= 1'b0;
            access_fault <= 1'b0;
        end else case (state)
            IDLE: if (start) begin
                table_ppn <= satp_ppn;
                level <= 1'b1;
                state <= READ;
            end
            READ:
                if (table_too_high || !mem_ok_addr || mem_err)
                    finish(1'b0, 1'b1);
                else if (mem_ack) begin
                    pte <= mem_rdata;
                    state <= DECIDE;
                end
            DECIDE:
                if (!valid)
                    finish(1'b1, 1'b0);
                else if (!leaf) begin
                    if (level) begin
                        table_ppn <= pte[31:10];
                        level <= 1'b0;
                        state <= READ;
                    end else
                        finish(1'b1, 1'b0);      // a pointer where a leaf must be
                end else if (!allowed || misaligned)
                    finish(1'b1, 1'b0);
                else if (need_ad)
                    state <= WRITE;
                else
                    finish(1'b0, frame_too_high);
            WRITE:
                if (!mem_ok_addr || mem_err)
                    finish(1'b0, 1'b1);
                else if (mem_ack) begin
                    pte <= mem_wdata;            // the TLB gets the flags as written
                    finish(1'b0, frame_too_high);
                end
            default:
                state <= IDLE;
        endcase
    end
endmodule
