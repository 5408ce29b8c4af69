// Fetch stage (F) with the instruction cache.
// The cache is direct-mapped, LINES lines of 8 words, in synchronous RAM. The
// RAM is always addressed with the pc F will hold in the next cycle
// (next_pc), so in F the word and its tag are ready for the hit check.
// A miss stalls F and refills the line over Wishbone one word at a time;
// SETTLE then re-reads the RAM so the new line is seen.
module b2g_fetch #(
    parameter LINES = 64,
    parameter [31:0] RAM_SIZE = 32'h0400_0000
) (
    input  wire        clk,
    input  wire        rst,
    input  wire        redirect,      // start fetching at redirect_pc
    input  wire [31:0] redirect_pc,
    input  wire        advance,       // D takes the instruction in F
    input  wire        invalidate,    // fence.i
    output wire        valid,         // insn (or a fetch fault) is ready in F
    output wire [31:0] pc,
    output wire [31:0] insn,
    output wire        fault,         // instruction access fault at pc
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

    wire [TAG-1:0] pc_tag = pc_r[31:32-TAG];
    wire [IDX-1:0] pc_idx = pc_r[5+IDX-1:5];
    wire           executable;
    b2g_pma #(.RAM_SIZE(RAM_SIZE)) pma (.addr(pc_r), .memory(executable), .writable(), .io());

    wire hit = valid_q && tag_q == pc_tag;
    assign fault = !executable || (fault_latched && fault_line == pc_r[31:5]);
    assign valid = state == IDLE && (hit || fault);
    assign pc = pc_r;
    assign insn = data_q;
    assign ibus_stb = ibus_cyc;

    wire [31:0] next_pc = redirect ? redirect_pc
                        : (valid && advance) ? pc_r + 32'd4 : pc_r;
    wire [IDX-1:0] next_idx = next_pc[5+IDX-1:5];

    always @(posedge clk) begin
        data_q  <= data_ram[next_pc[5+IDX-1:2]];
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
            state <= IDLE;
            ibus_cyc <= 1'b0;
            line_valid <= {LINES{1'b0}};
            fault_latched <= 1'b0;
        end else begin
            pc_r <= next_pc;
            if (invalidate) line_valid <= {LINES{1'b0}};
            if (redirect) fault_latched <= 1'b0;
            case (state)
                IDLE: if (!hit && !fault && !redirect) begin
                    ibus_adr <= {pc_r[31:5], 3'd0};
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
