// Permission check of an Sv32 leaf PTE for one access (privileged spec,
// "Virtual Address Translation Process", step 5), used on every TLB hit and
// by the walker. Combinational.
module b2g_pte_check (
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [7:0] flags,      // PTE bits D A G U X W R V (G unused)
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [1:0] acc,        // 0 fetch, 1 load, 2 store (AMO/SC = store)
    input  wire [1:0] priv,       // effective privilege: 0 U, otherwise supervisor
    input  wire       sum,        // S may load/store U pages
    input  wire       mxr,        // loads may read executable pages
    output wire       allowed,
    output wire       need_ad     // allowed, but the walker must set A (or D for a store)
);
    wire v = flags[0], r = flags[1], w = flags[2], x = flags[3], u = flags[4];
    wire a = flags[6], d = flags[7];
    wire fetch = acc == 2'd0, load = acc == 2'd1, store = acc == 2'd2;

    // A valid leaf: W without R is reserved.
    wire leaf_ok = v && (r || x) && !(w && !r);
    wire kind_ok = (fetch && x) || (load && (r || (mxr && x))) || (store && w);
    // U sees only U pages; S sees U pages only for data and only with SUM.
    wire user = priv == 2'd0;
    wire priv_ok = user ? u : (!u || (!fetch && sum));

    assign allowed = leaf_ok && kind_ok && priv_ok;
    assign need_ad = allowed && (!a || (store && !d));
endmodule
