// Fetch stage (F) with the instruction cache.
// The cache is direct-mapped, LINES lines of 8 words, in synchronous RAM. The
// RAM is addressed with the pc whose word F needs next (ram_pc), so in F
// the word and its tag are ready for the hit check.
// A miss stalls F and refills the line over Wishbone one word at a time;
// SETTLE then re-reads the RAM so the new line is seen.
// The RAM address does not wait for D: while F has its word it reads pc+4
// as if D took it, and if D does not, the word waits in a skid register.
// So the pipeline's holds and F's own hit check stay out of the address;
// only a redirect and a few flops choose it.
// With translation on, the core's ITLB (its result registered for pc's
// page) gives pc's physical page: the cache is indexed with the virtual pc
// (the index lies inside the 4 KiB page, so LINES <= 128) and tagged
// physically. F waits while the lookup is not ready; a TLB miss asks the
// core's walker (walk_req) and waits; a walk that faults is latched for
// that page until F is redirected.
module b2g_fetch #(
    parameter LINES = 64,
    parameter [31:0] RAM_SIZE = 32'h0400_0000
) (
    input  wire        clk,
    input  wire        rst,
    input  wire        redirect,      // start fetching at redirect_pc
    input  wire [31:0] redirect_pc,
    input  wire        flush,         // a redirect comes next cycle: start no refill
    input  wire        advance,       // D takes the instruction in F
    input  wire        invalidate,    // fence.i
    output wire        valid,         // insn (or a fetch fault) is ready in F
    output wire [31:0] pc,
    output wire [31:0] insn,
    output wire        fault,         // instruction access or page fault at pc
    output wire        fault_page,    // ... and it is a page fault (else access)
    // translation (from the core's ITLB, looked up with pc)
    input  wire        xlate,         // translate fetches (S/U with satp.MODE)
    input  wire        tlb_ok,        // pc's page hits and the access is allowed
    input  wire        tlb_deny,      // pc's page hits and the access is not allowed
    input  wire        tlb_miss,      // pc's page needs a walk (miss, or A not set)
    input  wire [19:0] tlb_ppn,
    output wire        walk_req,      // please walk for pc's page
    input  wire        walk_fault,    // the walk for pc's page faulted (pulse)
    input  wire        walk_fault_page,
    // Wishbone master (word addresses)
    output reg  [29:0] ibus_adr,
    output reg         ibus_cyc,
    output wire        ibus_stb,
    input  wire [31:0] ibus_dat_r,
    input  wire        ibus_ack,
    input  wire        ibus_err
);
    localparam IDX = $clog2(LINES);
    localparam TAG = 30 - 3 - IDX;
    localparam IDLE = 2'd0, REFILL = 2'd1, SETTLE = 2'd2;

    reg [31:0]    pc_r;
    reg [1:0]     state;
    reg [31:0]    data_ram [0:LINES*8-1];
    reg [TAG-1:0] tag_ram [0:LINES-1];
    reg [LINES-1:0] line_valid;
    reg [31:0]    data_q;
    reg [TAG-1:0] tag_q;
    reg           valid_q;
    reg [2:0]     word;           // refill word counter
    reg           refill_stale;   // fence.i arrived during the refill
    reg           fault_latched;  // the bus answered a refill with an error
    reg [26:0]    fault_line;
    reg           xfault_latched; // the walker faulted on pc's page
    reg           xfault_page;
    reg           data_ok;        // data_q/tag_q were read for pc_r
    reg           skid_full;      // pc_r's word, kept while D does not take it
    reg  [31:0]   skid_insn;
    reg           skid_fault, skid_fault_page;

    wire [31:0]    paddr = xlate ? {tlb_ppn, pc_r[11:0]} : pc_r;
    wire           translated = !xlate || tlb_ok;
    wire [TAG-1:0] pc_tag = paddr[31:32-TAG];
    wire           executable;
    b2g_pma #(.RAM_SIZE(RAM_SIZE)) pma (.addr(paddr), .memory(executable), .writable(), .io());

    wire hit = data_ok && valid_q && tag_q == pc_tag && translated;
    wire page_fault = xlate && (tlb_deny || (xfault_latched && xfault_page));
    wire access_fault = translated ? !executable || (fault_latched && fault_line == paddr[31:5])
                                   : xfault_latched && !xfault_page;
    wire f_fault = data_ok && (page_fault || access_fault);
    wire f_valid = state == IDLE && (hit || f_fault);
    assign fault = skid_full ? skid_fault : f_fault;
    assign fault_page = skid_full ? skid_fault_page : page_fault;
    assign walk_req = state == IDLE && !skid_full && xlate && tlb_miss && !xfault_latched;
    assign valid = skid_full || f_valid;
    assign pc = pc_r;
    assign insn = skid_full ? skid_insn : data_q;
    assign ibus_stb = ibus_cyc;

    // Read pc+4 when pc's word (or its fault) is in hand, else pc again.
    wire        seq = skid_full || (state == IDLE && data_ok && (translated || tlb_deny || xfault_latched));
    wire [31:0] pc_plus4 = pc_r + 32'd4;
    wire [31:0] ram_pc = redirect ? redirect_pc : seq ? pc_plus4 : pc_r;
    wire [IDX-1:0] next_idx = ram_pc[5+IDX-1:5];

    always @(posedge clk) begin
        data_q  <= data_ram[ram_pc[5+IDX-1:2]];
        tag_q   <= tag_ram[next_idx];
        valid_q <= !rst && line_valid[next_idx] && !invalidate;   // no X after reset
        if (ibus_cyc && ibus_ack)
            data_ram[{ibus_adr[IDX+2:3], word}] <= ibus_dat_r;
        if (state == REFILL && ibus_ack && word == 3'd7)
            tag_ram[ibus_adr[IDX+2:3]] <= ibus_adr[29:30-TAG];
    end

    always @(posedge clk) begin
        if (rst) begin
            pc_r <= 32'd0;
            data_ok <= 1'b0;
            skid_full <= 1'b0;
            state <= IDLE;
            ibus_cyc <= 1'b0;
            line_valid <= {LINES{1'b0}};
            fault_latched <= 1'b0;
            xfault_latched <= 1'b0;
        end else begin
            if (redirect || (valid && advance)) pc_r <= redirect ? redirect_pc : pc_plus4;
            data_ok <= redirect || (valid && advance) || !seq;
            skid_full <= !redirect && valid && !advance;
            if (!skid_full) begin
                skid_insn <= data_q;
                skid_fault <= f_fault;
                skid_fault_page <= page_fault;
            end
            if (invalidate) line_valid <= {LINES{1'b0}};
            if (redirect) begin
                fault_latched <= 1'b0;
                xfault_latched <= 1'b0;
            end else if (walk_fault) begin
                xfault_latched <= 1'b1;
                xfault_page <= walk_fault_page;
            end
            case (state)
                IDLE: if (data_ok && !skid_full && !hit && !f_fault && translated && !redirect && !flush) begin
                    ibus_adr <= {paddr[31:5], 3'd0};
                    ibus_cyc <= 1'b1;
                    word <= 3'd0;
                    refill_stale <= invalidate;
                    state <= REFILL;
                end
                REFILL: begin
                    if (invalidate) refill_stale <= 1'b1;
                    if (ibus_err) begin
                        ibus_cyc <= 1'b0;
                        fault_latched <= 1'b1;
                        fault_line <= ibus_adr[29:3];
                        state <= SETTLE;
                    end else if (ibus_ack) begin
                        word <= word + 3'd1;
                        ibus_adr[2:0] <= word + 3'd1;
                        if (word == 3'd7) begin
                            ibus_cyc <= 1'b0;
                            if (!refill_stale && !invalidate)
                                line_valid[ibus_adr[IDX+2:3]] <= 1'b1;
                            state <= SETTLE;
                        end
                    end
                end
                default: state <= IDLE;
            endcase
        end
    end
endmodule
