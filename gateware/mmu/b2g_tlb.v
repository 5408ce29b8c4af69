// Fully associative Sv32 TLB. A lookup is combinational from vpn; a fill
// (a leaf just returned by the walker, A already set, and D for a store)
// takes effect on the next clock. flush (sfence.vma, satp write)
// invalidates everything. Superpage entries match on vpn[19:10]. No ASIDs.
//
// A fill first invalidates every entry whose page overlaps its own (the old
// copy of a leaf the walker just refreshed, 4 KiB entries under a new
// superpage), so a lookup never matches more than one entry and the match
// vector can select the entry's data by OR-ing indices. The fill goes into
// the lowest overlapping slot, else into the round-robin victim. The tags
// live in flip-flops (all compared at once); frames and flags in a small
// RAM read at the matching index (LUT RAM on the ECP5).
module b2g_tlb #(
    parameter ENTRIES = 8
) (
    input  wire        clk,
    input  wire        rst,
    input  wire        flush,
    input  wire [19:0] vpn,
    output wire        hit,
    output wire [19:0] ppn,          // superpages already merged with vpn[9:0]
    output wire [7:0]  flags,        // D A G U X W R V
    input  wire        fill,
    input  wire [19:0] fill_vpn,
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [21:0] fill_pte_ppn, // PTE[31:10]; [21:20] are zero (the walker faults otherwise)
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [7:0]  fill_flags,
    input  wire        fill_super
);
    localparam IDX_W = ENTRIES > 1 ? $clog2(ENTRIES) : 1;
    localparam [ENTRIES-1:0] ONE = 1;

    reg [ENTRIES-1:0] valid;
    reg [ENTRIES-1:0] is_super;
    reg [19:0]        tag  [0:ENTRIES-1];
    reg [27:0]        data [0:ENTRIES-1];    // {frame, flags}
    reg [ENTRIES-1:0] victim;                // one-hot, round robin

    // Which entries translate vpn, and which overlap the page being filled.
    reg [ENTRIES-1:0] match, overlap;
    integer i;
    always @* begin
        for (i = 0; i < ENTRIES; i = i + 1) begin
            match[i] = valid[i] && tag[i][19:10] == vpn[19:10] &&
                       (is_super[i] || tag[i][9:0] == vpn[9:0]);
            overlap[i] = valid[i] && tag[i][19:10] == fill_vpn[19:10] &&
                         (is_super[i] || fill_super || tag[i][9:0] == fill_vpn[9:0]);
        end
    end

    // The index of the set bit of a one-hot vector (any set bits' indices OR-ed).
    function [IDX_W-1:0] index_of(input [ENTRIES-1:0] onehot);
        integer k;
        begin
            index_of = {IDX_W{1'b0}};
            for (k = 0; k < ENTRIES; k = k + 1)
                if (onehot[k])
                    index_of = index_of | k[IDX_W-1:0];
        end
    endfunction

    wire [27:0] entry = data[index_of(match)];
    wire        big = |(match & is_super);
    assign hit = |match;
    assign ppn = big ? {entry[27:18], vpn[9:0]} : entry[27:8];
    assign flags = entry[7:0];

    // The fill's slot: the lowest overlapping entry, else the victim.
    wire [ENTRIES-1:0] lowest_overlap = overlap & (~overlap + ONE);
    wire               refresh = |overlap;
    wire [ENTRIES-1:0] write_sel = refresh ? lowest_overlap : victim;
    wire [IDX_W-1:0]   slot = index_of(write_sel);

    initial begin                    // empty at power-up too (FPGA configuration)
        valid = {ENTRIES{1'b0}};
        victim = ONE;
    end

    integer j;
    always @(posedge clk) begin
        if (rst || flush) begin
            valid <= {ENTRIES{1'b0}};
        end else if (fill) begin
            valid <= (valid & ~overlap) | write_sel;
            is_super <= (is_super & ~write_sel) | (fill_super ? write_sel : {ENTRIES{1'b0}});
            for (j = 0; j < ENTRIES; j = j + 1)
                if (write_sel[j])
                    tag[j] <= fill_vpn;
            if (!refresh)
                victim <= (victim << 1) | (victim >> (ENTRIES - 1));
        end
        if (rst)
            victim <= ONE;
    end

    // The RAM: written on every fill (a flush only clears valid).
    always @(posedge clk)
        if (fill)
            data[slot] <= {fill_pte_ppn[19:0], fill_flags};
endmodule
