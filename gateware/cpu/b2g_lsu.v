// Load/store unit (M stage) with the data cache.
// Direct-mapped, LINES lines of 8 words, write-through without write-allocate,
// in synchronous RAM read with the X-stage address (or M's own address while
// M is held), so a load hit costs no stall. A store to memory retires at
// once: its Wishbone write (the bus registers are a one-entry store buffer)
// goes on while the pipeline moves; a store behind it waits until the bus
// is idle again (nothing in M looks at the bus's ack combinationally, which
// keeps the SoC's bus out of the pipeline's critical path). Loads that need
// the bus wait for the write to finish. Device (io) accesses are uncached and
// wait for the bus, so a bus error on them is a precise access fault.
// An AMO waits for the bus to be idle, reads the word over the bus, writes
// the new value (through the cache line if present) and returns the old one.
// The page-table walker borrows the bus when M does not need it; its A/D
// write-back drops the D-cache line it hits so no stale copy survives.
// Addresses here are physical (the core translates in M); the cache index
// is the same in virtual and physical addresses (4 KiB pages).
module b2g_lsu #(
    parameter LINES = 64
) (
    input  wire        clk,
    input  wire        rst,
    input  wire [31:0] x_addr,        // address of the access in X
    input  wire        m_hold,        // M keeps its instruction next cycle
    input  wire        m_req,         // M has a load or store to perform
    input  wire        m_kill,        // ... but it traps: start nothing (m_busy ignores this)
    input  wire        m_store,
    input  wire        m_amo,         // read-modify-write, op in m_amo_op
    input  wire [4:0]  m_amo_op,      // funct5
    input  wire        m_io,          // uncached device address
    input  wire [31:0] m_addr,
    input  wire [1:0]  m_size,        // 0 byte, 1 half, 2 word
    input  wire        m_unsigned,
    input  wire [31:0] m_wdata,       // store value, not yet shifted
    output wire        m_busy,        // M must wait
    output reg  [31:0] m_rdata,       // load result, extended
    output wire        m_err,         // bus error: access fault (with !m_busy)
    output wire        store_wrote,   // a store wrote the cache RAM this cycle
    output wire        sb_empty,
    output wire [31:0] amo_value,     // the value an AMO wrote (for the trace)
    // the page-table walker's port (b2g_ptw mem_*)
    input  wire        ptw_req,
    input  wire        ptw_we,
    input  wire [31:0] ptw_addr,
    input  wire [31:0] ptw_wdata,
    output wire        ptw_ack,
    output wire        ptw_err,
    // Wishbone master (word addresses)
    output reg  [29:0] dbus_adr,
    output reg  [31:0] dbus_dat_w,
    output reg  [3:0]  dbus_sel,
    output reg         dbus_we,
    output reg         dbus_cyc,
    output wire        dbus_stb,
    input  wire [31:0] dbus_dat_r,
    input  wire        dbus_ack,
    input  wire        dbus_err
);
    localparam IDX = $clog2(LINES);
    localparam TAG = 30 - 3 - IDX;
    localparam IDLE = 4'd0, DRAIN = 4'd1, REFILL = 4'd2, SETTLE = 4'd3,
               IO = 4'd4, DONE = 4'd5, AMO_READ = 4'd6, AMO_CALC = 4'd7, AMO_WRITE = 4'd8,
               PTW = 4'd9;

    reg [3:0]     state;
    reg [31:0]    data_ram [0:LINES*8-1];
    reg [TAG-1:0] tag_ram [0:LINES-1];
    reg [LINES-1:0] line_valid;
    reg [31:0]    data_q;
    reg [TAG-1:0] tag_q;
    reg           valid_q;
    reg [2:0]     word;
    reg [31:0]    io_data;
    reg           io_err;
    assign sb_empty = state != DRAIN;   // no buffered store on the bus
    assign dbus_stb = dbus_cyc;

    wire [31:0] ram_addr = m_hold ? m_addr : x_addr;
    wire hit = valid_q && tag_q == m_addr[31:32-TAG];

    // Store data and byte lanes.
    wire [31:0] st_data = m_size == 2'd0 ? {4{m_wdata[7:0]}}
                        : m_size == 2'd1 ? {2{m_wdata[15:0]}} : m_wdata;
    wire [3:0]  st_sel  = m_size == 2'd0 ? 4'b0001 << m_addr[1:0]
                        : m_size == 2'd1 ? (m_addr[1] ? 4'b1100 : 4'b0011) : 4'b1111;

    // What the M-stage access needs this cycle.
    wire cached_load  = m_req && !m_store && !m_io;
    wire cached_store = m_req && m_store && !m_io && !m_amo;
    wire io_access    = m_req && m_io && !m_amo;
    wire amo_access   = m_req && m_amo;   // never io: b2g_pma faults those first
    wire load_done    = cached_load && (state == IDLE || state == DRAIN) && hit;
    wire store_done   = cached_store && state == IDLE;
    wire io_done      = (io_access || amo_access) && state == DONE;
    wire refill_done  = cached_load && state == DONE;   // bus error on a refill
    assign m_busy = m_req && !(load_done || store_done || io_done || refill_done);
    assign m_err  = (io_done || refill_done) && io_err;
    assign store_wrote = store_done && hit && !m_kill;
    assign ptw_ack = state == PTW && dbus_ack;
    assign ptw_err = state == PTW && dbus_err;
    assign amo_value = dbus_dat_w;

    // The AMO's new value from the old one (io_data) and rs2.
    reg [31:0] amo_new;
    always @* begin
        case (m_amo_op)
            5'b00000: amo_new = io_data + m_wdata;
            5'b00001: amo_new = m_wdata;
            5'b00100: amo_new = io_data ^ m_wdata;
            5'b01000: amo_new = io_data | m_wdata;
            5'b01100: amo_new = io_data & m_wdata;
            5'b10000: amo_new = $signed(io_data) < $signed(m_wdata) ? io_data : m_wdata;
            5'b10100: amo_new = $signed(io_data) > $signed(m_wdata) ? io_data : m_wdata;
            5'b11000: amo_new = io_data < m_wdata ? io_data : m_wdata;
            default:  amo_new = io_data > m_wdata ? io_data : m_wdata;
        endcase
    end
    // One write port into the cache RAM: a store hit or an AMO hit.
    wire        amo_wrote = state == AMO_CALC && hit;
    wire [3:0]  wr_sel  = store_wrote ? st_sel : {4{amo_wrote}};
    wire [31:0] wr_data = store_wrote ? st_data : amo_new;

    // Load alignment and extension.
    wire [31:0] word_in = state == DONE ? io_data : data_q;
    wire [31:0] shifted = word_in >> {m_addr[1:0], 3'b000};
    always @* begin
        case (m_size)
            2'd0:    m_rdata = {{24{!m_unsigned && shifted[7]}}, shifted[7:0]};
            2'd1:    m_rdata = {{16{!m_unsigned && shifted[15]}}, shifted[15:0]};
            default: m_rdata = shifted;
        endcase
    end

    always @(posedge clk) begin
        data_q  <= data_ram[ram_addr[5+IDX-1:2]];
        tag_q   <= tag_ram[ram_addr[5+IDX-1:5]];
        valid_q <= !rst && line_valid[ram_addr[5+IDX-1:5]];
        if (state == REFILL && dbus_ack)
            data_ram[{dbus_adr[IDX+2:3], word}] <= dbus_dat_r;
        if (state == REFILL && dbus_ack && word == 3'd7)
            tag_ram[dbus_adr[IDX+2:3]] <= dbus_adr[29:30-TAG];
        if (wr_sel[0]) data_ram[m_addr[5+IDX-1:2]][7:0]   <= wr_data[7:0];
        if (wr_sel[1]) data_ram[m_addr[5+IDX-1:2]][15:8]  <= wr_data[15:8];
        if (wr_sel[2]) data_ram[m_addr[5+IDX-1:2]][23:16] <= wr_data[23:16];
        if (wr_sel[3]) data_ram[m_addr[5+IDX-1:2]][31:24] <= wr_data[31:24];
    end

    always @(posedge clk) begin
        if (rst) begin
            state <= IDLE;
            dbus_cyc <= 1'b0;
            io_err <= 1'b0;
            line_valid <= {LINES{1'b0}};
        end else begin
            case (state)
                IDLE: begin
                    if (m_kill) begin
                        // trapped: no bus cycle, no cache write
                    end else if (store_done) begin
                        dbus_adr <= m_addr[31:2]; dbus_dat_w <= st_data; dbus_sel <= st_sel;
                        dbus_we <= 1'b1; dbus_cyc <= 1'b1;
                        state <= DRAIN;
                    end else if (cached_load && !hit) begin
                        dbus_adr <= {m_addr[31:5], 3'd0}; dbus_sel <= 4'b1111;
                        dbus_we <= 1'b0; dbus_cyc <= 1'b1;
                        word <= 3'd0;
                        state <= REFILL;
                    end else if (io_access) begin
                        dbus_adr <= m_addr[31:2];
                        dbus_dat_w <= st_data;
                        dbus_sel <= m_store ? st_sel : 4'b1111;
                        dbus_we <= m_store; dbus_cyc <= 1'b1;
                        state <= IO;
                    end else if (amo_access) begin
                        dbus_adr <= m_addr[31:2]; dbus_sel <= 4'b1111;
                        dbus_we <= 1'b0; dbus_cyc <= 1'b1;
                        state <= AMO_READ;
                    end else if (ptw_req) begin
                        dbus_adr <= ptw_addr[31:2]; dbus_dat_w <= ptw_wdata; dbus_sel <= 4'b1111;
                        dbus_we <= ptw_we; dbus_cyc <= 1'b1;
                        if (ptw_we) line_valid[ptw_addr[5+IDX-1:5]] <= 1'b0;
                        state <= PTW;
                    end
                end
                AMO_READ: if (dbus_ack || dbus_err) begin
                    dbus_cyc <= 1'b0;
                    io_data <= dbus_dat_r;
                    io_err <= dbus_err;
                    state <= dbus_err ? DONE : AMO_CALC;
                end
                AMO_CALC: begin
                    dbus_dat_w <= amo_new; dbus_we <= 1'b1; dbus_cyc <= 1'b1;
                    state <= AMO_WRITE;
                end
                AMO_WRITE: if (dbus_ack || dbus_err) begin
                    dbus_cyc <= 1'b0;
                    io_err <= dbus_err;
                    state <= DONE;
                end
                PTW: if (dbus_ack || dbus_err) begin
                    dbus_cyc <= 1'b0;
                    state <= IDLE;
                end
                DRAIN: if (dbus_ack || dbus_err) begin
                    // A failed buffered store is lost: memory regions are
                    // checked by b2g_pma before the store is accepted.
                    dbus_cyc <= 1'b0;
                    state <= IDLE;
                end
                REFILL: if (dbus_err) begin
                    dbus_cyc <= 1'b0;
                    io_err <= 1'b1;
                    state <= DONE;
                end else if (dbus_ack) begin
                    word <= word + 3'd1;
                    dbus_adr[2:0] <= word + 3'd1;
                    if (word == 3'd7) begin
                        dbus_cyc <= 1'b0;
                        line_valid[dbus_adr[IDX+2:3]] <= 1'b1;
                        state <= SETTLE;
                    end
                end
                IO: if (dbus_ack || dbus_err) begin
                    dbus_cyc <= 1'b0;
                    io_data <= dbus_dat_r;
                    io_err <= dbus_err;
                    state <= DONE;
                end
                SETTLE: state <= IDLE;
                default: begin          // DONE: M takes the result this cycle
                    io_err <= 1'b0;
                    state <= IDLE;
                end
            endcase
        end
    end
endmodule
