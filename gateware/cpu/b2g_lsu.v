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
module b2g_lsu #(
    parameter LINES = 64
) (
    input  wire        clk,
    input  wire        rst,
    input  wire [31:0] x_addr,        // address of the access in X
    input  wire        m_hold,        // M keeps its instruction next cycle
    input  wire        m_req,         // M has a load or store to perform
    input  wire        m_store,
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
    localparam IDLE = 3'd0, DRAIN = 3'd1, REFILL = 3'd2, SETTLE = 3'd3,
               IO = 3'd4, DONE = 3'd5;

    reg [2:0]     state;
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
    wire cached_store = m_req && m_store && !m_io;
    wire io_access    = m_req && m_io;
    wire load_done    = cached_load && (state == IDLE || state == DRAIN) && hit;
    wire store_done   = cached_store && state == IDLE;
    wire io_done      = io_access && state == DONE;
    wire refill_done  = cached_load && state == DONE;   // bus error on a refill
    assign m_busy = m_req && !(load_done || store_done || io_done || refill_done);
    assign m_err  = (io_done || refill_done) && io_err;
    assign store_wrote = store_done && hit;

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
        if (store_wrote) begin
            if (st_sel[0]) data_ram[m_addr[5+IDX-1:2]][7:0]   <= st_data[7:0];
            if (st_sel[1]) data_ram[m_addr[5+IDX-1:2]][15:8]  <= st_data[15:8];
            if (st_sel[2]) data_ram[m_addr[5+IDX-1:2]][23:16] <= st_data[23:16];
            if (st_sel[3]) data_ram[m_addr[5+IDX-1:2]][31:24] <= st_data[31:24];
        end
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
                    if (store_done) begin
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
                    end
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
