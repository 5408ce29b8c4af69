// bits2gpt CPU: RV32IMA + Zicsr + Zifencei, M/S/U modes, Sv32, 5 stages.
//
//   F  fetch + I-cache (b2g_fetch)
//   D  decode, register read, branch prediction (b2g_decoder, b2g_regfile, b2g_bpred)
//   X  ALU, branch check, address, mul/div (b2g_alu, b2g_muldiv)
//   M  data cache / bus, CSRs, traps: the commit point (b2g_lsu, b2g_csr)
//   W  register write
//
// Results are forwarded from M and W into X; a load followed by a user
// stalls one cycle. Exceptions travel with their instruction and are taken
// in M, so everything older has finished and nothing younger has changed
// state. Redirects: M (trap, mret, sret, fence.i, sfence.vma, a write to
// mstatus/sstatus/satp/counter enables; registered, F sees it a cycle
// later) > X (misprediction) > D (predicted taken). MMU=0 leaves out the
// walker (and so the TLBs): satp then only holds Bare.
//
// Sv32: fetches are translated in F by the ITLB, loads/stores/AMOs in M by
// the DTLB (so the CSR state they see is settled); a miss stalls that
// stage while the one shared walker (gateware/mmu) reads the page tables
// through the LSU's bus port. Privilege changes only with a redirect, so
// every instruction in F..X already sees the privilege it will run in.
module b2g_core #(
    parameter ICACHE_LINES = 128,    // 8-word lines: 128 lines = 4 KiB
    parameter DCACHE_LINES = 128,
    parameter BHT_ENTRIES  = 64,
    parameter TLB_ENTRIES  = 8,      // each of the ITLB and the DTLB
    parameter [31:0] RAM_SIZE = 32'h0400_0000,  // main RAM fitted, for access faults
    parameter MMU          = 1       // 0: no TLBs or walker, satp only Bare (docs/isa.md)
) (
    input  wire        clk,
    input  wire        rst,
    // instruction bus (Wishbone, word addresses, read only)
    output wire [29:0] ibus_adr,
    output wire        ibus_cyc,
    output wire        ibus_stb,
    input  wire [31:0] ibus_dat_r,
    input  wire        ibus_ack,
    input  wire        ibus_err,
    // data bus
    output wire [29:0] dbus_adr,
    output wire [31:0] dbus_dat_w,
    output wire [3:0]  dbus_sel,
    output wire        dbus_we,
    output wire        dbus_cyc,
    output wire        dbus_stb,
    input  wire [31:0] dbus_dat_r,
    input  wire        dbus_ack,
    input  wire        dbus_err,
    // interrupts
    input  wire [31:0] irq_lines,
    input  wire        msip,
    input  wire        mtip,
    input  wire [63:0] mtime          // the CLINT's, read by the time CSR
);
    // ---------------------------------------------------------------- control
    wire        m_redirect, x_redirect, d_redirect;
    wire [31:0] m_redirect_pc, x_redirect_pc, d_redirect_pc;
    wire        m_hold, x_hold, d_hold, x_stall, d_stall;
    // M's redirects reach F a cycle late (registered: the trap decision stays
    // out of the I-cache address); D and X redirect F even while held.
    reg         m_redirect_q;
    reg  [31:0] m_redirect_pc_q;
    wire        f_redirect = m_redirect_q || x_redirect || d_redirect;
    wire        icache_invalidate;
    wire [1:0]  priv;

    // ---------------------------------------------------------------- F
    wire        f_valid, f_fault, f_fault_page;
    wire [31:0] f_pc, f_insn;
    wire        i_xlate, itlb_ok, itlb_deny, itlb_miss, f_walk_req, f_walk_fault, f_walk_fault_page;
    wire [19:0] itlb_ppn;
    b2g_fetch #(.LINES(ICACHE_LINES), .RAM_SIZE(RAM_SIZE)) fetch (
        .clk(clk), .rst(rst),
        .redirect(f_redirect),
        .redirect_pc(m_redirect_q ? m_redirect_pc_q : x_redirect ? x_redirect_pc : d_redirect_pc),
        .flush(m_redirect), .advance(!d_hold), .invalidate(icache_invalidate),
        .valid(f_valid), .pc(f_pc), .insn(f_insn), .fault(f_fault), .fault_page(f_fault_page),
        .xlate(i_xlate), .tlb_ok(itlb_ok), .tlb_deny(itlb_deny), .tlb_miss(itlb_miss), .tlb_ppn(itlb_ppn),
        .walk_req(f_walk_req), .walk_fault(f_walk_fault), .walk_fault_page(f_walk_fault_page),
        .ibus_adr(ibus_adr), .ibus_cyc(ibus_cyc), .ibus_stb(ibus_stb),
        .ibus_dat_r(ibus_dat_r), .ibus_ack(ibus_ack), .ibus_err(ibus_err));

    // ---------------------------------------------------------------- D
    reg         d_valid, d_fault, d_fault_page, d_redirected;
    reg  [31:0] d_pc, d_insn;
    always @(posedge clk) begin
        // F's word is from the wrong path while M's redirect is on its way.
        if (rst || m_redirect || x_redirect || m_redirect_q) d_valid <= 1'b0;
        else if (!d_hold) begin
            d_valid <= f_valid && !d_redirect;
            d_pc <= f_pc;
            d_insn <= f_insn;
            d_fault <= f_fault;
            d_fault_page <= f_fault_page;
        end
    end

    wire [4:0]  d_rd, d_rs1, d_rs2;
    wire [31:0] d_imm;
    wire [3:0]  d_alu_op;
    wire d_uses_rs1, d_uses_rs2, d_rd_we, d_a_is_pc, d_a_is_zero, d_b_is_imm;
    wire d_is_branch, d_is_jal, d_is_jalr, d_is_load, d_is_store, d_is_muldiv;
    wire d_is_csr, d_is_ecall, d_is_ebreak, d_is_mret, d_is_wfi, d_is_fence_i, d_illegal;
    wire d_is_sret, d_is_sfence, d_is_lr, d_is_sc, d_is_amo;
    b2g_decoder decoder (
        .insn(d_insn), .rd(d_rd), .rs1(d_rs1), .rs2(d_rs2), .imm(d_imm),
        .uses_rs1(d_uses_rs1), .uses_rs2(d_uses_rs2), .rd_we(d_rd_we),
        .alu_op(d_alu_op), .a_is_pc(d_a_is_pc), .a_is_zero(d_a_is_zero), .b_is_imm(d_b_is_imm),
        .is_branch(d_is_branch), .is_jal(d_is_jal), .is_jalr(d_is_jalr),
        .is_load(d_is_load), .is_store(d_is_store), .is_muldiv(d_is_muldiv),
        .is_csr(d_is_csr), .is_ecall(d_is_ecall), .is_ebreak(d_is_ebreak),
        .is_mret(d_is_mret), .is_wfi(d_is_wfi), .is_fence_i(d_is_fence_i),
        .is_sret(d_is_sret), .is_sfence(d_is_sfence),
        .is_lr(d_is_lr), .is_sc(d_is_sc), .is_amo(d_is_amo), .illegal(d_illegal));

    // Exceptions found in D (fetch fault first, as the spec orders them).
    wire        d_exc = d_fault || d_illegal || d_is_ecall || d_is_ebreak;
    wire [3:0]  d_cause = d_fault ? (d_fault_page ? 4'd12 : 4'd1) : d_illegal ? 4'd2
                        : d_is_ebreak ? 4'd3 : {2'b10, priv};   // ecall: 8 + privilege
    wire [31:0] d_tval = d_fault || d_is_ebreak ? d_pc : d_illegal ? d_insn : 32'd0;

    // Register file (read in D, written in W).
    wire [31:0] d_rs1_val, d_rs2_val;
    reg         w_valid, w_rd_we;
    reg  [4:0]  w_rd;
    reg  [31:0] w_value;
    b2g_regfile regfile (
        .clk(clk), .ra1(d_rs1), .ra2(d_rs2), .rd1(d_rs1_val), .rd2(d_rs2_val),
        .we(w_valid && w_rd_we), .wa(w_rd), .wd(w_value));

    // Prediction: jal always, branches by counter, returns by the stack.
    wire [1:0]  bp_counter;
    wire        bp_taken = bp_counter[1];
    wire [31:0] bp_return;
    wire d_is_call   = (d_is_jal || d_is_jalr) && (d_rd == 5'd1 || d_rd == 5'd5);
    wire d_is_return = d_is_jalr && d_rd == 5'd0 && (d_rs1 == 5'd1 || d_rs1 == 5'd5) && d_imm == 32'd0;
    wire d_predict = !d_exc && (d_is_jal || (d_is_branch && bp_taken) || d_is_return);
    wire [31:0] d_pred_next = !d_predict ? d_pc + 32'd4
                            : d_is_return ? bp_return : d_pc + d_imm;
    wire d_leaves = d_valid && !d_hold && !x_redirect && !m_redirect;
    // Once per instruction, held or not (F keeps the target until D moves).
    assign d_redirect = d_valid && d_predict && !d_redirected;
    assign d_redirect_pc = d_pred_next;
    always @(posedge clk)
        d_redirected <= !rst && d_hold && !x_redirect && !m_redirect && (d_redirected || d_redirect);

    // Load-use hazard: the value comes from a load now in X.
    reg        x_valid, x_is_load, x_late;
    reg [4:0]  x_rd;
    assign d_stall = d_valid && x_valid && x_late && x_rd != 5'd0 &&
                     ((d_uses_rs1 && d_rs1 == x_rd) || (d_uses_rs2 && d_rs2 == x_rd));
    assign d_hold = x_hold || d_stall;

    // ---------------------------------------------------------------- X
    reg  [31:0] x_pc, x_insn, x_imm, x_rs1_val, x_rs2_val, x_pred_next, x_tval, x_pc_imm, x_pc4;
    reg  [4:0]  x_rs1, x_rs2;
    reg  [3:0]  x_alu_op, x_cause;
    reg  [1:0]  x_bht;
    reg  x_rd_we, x_a_is_pc, x_a_is_zero, x_b_is_imm, x_is_branch, x_is_jal, x_is_jalr;
    reg  x_is_store, x_is_muldiv, x_is_csr, x_is_mret, x_is_wfi, x_is_fence_i, x_exc;
    reg  x_is_sret, x_is_sfence, x_is_lr, x_is_sc, x_is_amo, x_pred_taken, x_redirected;

    // Forwarding from M and W.
    reg         m_valid, m_rd_we;
    reg  [4:0]  m_rd;
    wire [31:0] m_fwd_value;
    wire fwd1_m = m_valid && m_rd_we && m_rd == x_rs1 && x_rs1 != 5'd0;
    wire fwd2_m = m_valid && m_rd_we && m_rd == x_rs2 && x_rs2 != 5'd0;
    wire fwd1_w = w_valid && w_rd_we && w_rd == x_rs1 && x_rs1 != 5'd0;
    wire fwd2_w = w_valid && w_rd_we && w_rd == x_rs2 && x_rs2 != 5'd0;
    wire [31:0] x_op1 = fwd1_m ? m_fwd_value : fwd1_w ? w_value : x_rs1_val;
    wire [31:0] x_op2 = fwd2_m ? m_fwd_value : fwd2_w ? w_value : x_rs2_val;

    wire [31:0] alu_y;
    b2g_alu alu (.op(x_alu_op),
                 .a(x_a_is_pc ? x_pc : x_a_is_zero ? 32'd0 : x_op1),
                 .b(x_b_is_imm ? x_imm : x_op2), .y(alu_y));

    // Branches and jumps.
    wire [2:0]  x_f3 = x_insn[14:12];
    wire cmp_eq  = x_op1 == x_op2;
    wire cmp_lt  = $signed(x_op1) < $signed(x_op2);
    wire cmp_ltu = x_op1 < x_op2;
    wire x_cond = x_f3[2] ? (x_f3[1] ? cmp_ltu : cmp_lt) ^ x_f3[0] : cmp_eq ^ x_f3[0];
    wire x_taken = x_is_jal || x_is_jalr || (x_is_branch && x_cond);
    wire [31:0] x_addr = x_op1 + x_imm;       // jalr target and memory address
    wire [31:0] x_target = x_is_jalr ? {x_addr[31:1], 1'b0} : x_pc_imm;
    wire [31:0] x_next = x_taken ? x_target : x_pc4;
    wire x_misfetch = x_taken && x_target[1];
    // Mispredicted: a branch against its guess, a jalr other than a return
    // predicted to where it goes (jal is always right). No 32-bit compare of
    // x_next: D's target for a branch is pc+imm already.
    wire x_mispredict = (x_is_branch && x_cond != x_pred_taken) ||
                        (x_is_jalr && !(x_pred_taken && x_op1[31:1] == x_pred_next[31:1]));

    // Memory access checks.
    wire [1:0]  x_size = x_f3[1:0];
    wire x_mem = x_is_load || x_is_store;
    wire x_misaligned = x_mem && ((x_size == 2'd1 && x_addr[0]) || (x_size == 2'd2 && x_addr[1:0] != 2'd0));
    // CSRs and privileged instructions the current privilege may not run,
    // decided here and registered (b2g_csr's legality check looks at X).
    // (Access and page faults come from the physical address, in M.)
    wire        x_csr_illegal;
    wire        x_illegal = (x_is_csr && x_csr_illegal) || (x_is_mret && priv != 2'd3)
                        || (x_is_sret && (priv == 2'd0 || (priv == 2'd1 && tsr)))
                        || (x_is_wfi && (priv == 2'd0 || (priv == 2'd1 && tw)))
                        || (x_is_sfence && (priv == 2'd0 || (priv == 2'd1 && tvm)));
    wire        x_exc_all = x_exc || x_illegal || x_misfetch || x_misaligned;
    wire [3:0]  x_cause_all = x_exc ? x_cause : x_illegal ? 4'd2 : x_misfetch ? 4'd0
                            : (x_is_store ? 4'd6 : 4'd4);
    wire [31:0] x_tval_all = x_exc ? x_tval : x_illegal ? x_insn : x_misfetch ? x_target : x_addr;

    // Multiply/divide.
    wire        md_done;
    wire [31:0] md_result;
    b2g_muldiv muldiv (
        .clk(clk), .rst(rst), .start(x_valid && x_is_muldiv && !x_exc), .kill(m_redirect),
        .ack(!x_hold), .funct3(x_f3), .a(x_op1), .b(x_op2), .done(md_done), .result(md_result));

    wire lsu_store_wrote;
    assign x_stall = x_valid && ((x_is_muldiv && !x_exc && !md_done) || (x_is_load && lsu_store_wrote));
    assign x_hold = m_hold || x_stall;
    wire x_leaves = x_valid && !x_hold && !m_redirect;
    // No check of x_exc_all here (it sits behind the address adder and the
    // memory map): a faulting jump may redirect, M's trap follows next cycle.
    // Once per instruction, also while held (D is emptied, F keeps the target).
    assign x_redirect = x_valid && x_mispredict && !x_redirected;
    assign x_redirect_pc = x_next;
    always @(posedge clk)
        x_redirected <= !rst && x_hold && !m_redirect && (x_redirected || x_redirect);

    wire [31:0] x_result = (x_is_jal || x_is_jalr) ? x_pc4 : x_is_muldiv ? md_result : alu_y;

    always @(posedge clk) begin
        if (rst || m_redirect) x_valid <= 1'b0;
        else if (!x_hold) begin
            x_valid <= d_valid && !d_stall && !x_redirect;
            x_pc <= d_pc; x_insn <= d_insn; x_imm <= d_imm;
            x_rs1 <= d_rs1; x_rs2 <= d_rs2; x_rd <= d_rd;
            x_rs1_val <= d_rs1_val; x_rs2_val <= d_rs2_val;
            x_alu_op <= d_alu_op; x_rd_we <= d_rd_we;
            x_a_is_pc <= d_a_is_pc; x_a_is_zero <= d_a_is_zero; x_b_is_imm <= d_b_is_imm;
            x_is_branch <= d_is_branch; x_is_jal <= d_is_jal; x_is_jalr <= d_is_jalr;
            x_is_load <= d_is_load; x_is_store <= d_is_store; x_is_muldiv <= d_is_muldiv;
            x_is_csr <= d_is_csr; x_is_mret <= d_is_mret; x_is_wfi <= d_is_wfi;
            x_is_fence_i <= d_is_fence_i;
            x_is_sret <= d_is_sret; x_is_sfence <= d_is_sfence;
            x_is_lr <= d_is_lr; x_is_sc <= d_is_sc; x_is_amo <= d_is_amo;
            // CSR values are not forwarded from M (the read mux stays off X's paths)
            x_late <= d_is_load || d_is_sc || d_is_amo || d_is_csr;
            x_exc <= d_exc; x_cause <= d_cause; x_tval <= d_tval;
            x_pred_next <= d_pred_next;
            x_pred_taken <= d_predict;
            x_pc_imm <= d_pc + d_imm;
            x_pc4 <= d_pc + 32'd4;
            x_bht <= bp_counter;
        end else begin
            // Held: keep the forwarded operands before their producers leave.
            x_rs1_val <= x_op1;
            x_rs2_val <= x_op2;
        end
    end

    b2g_bpred #(.ENTRIES(BHT_ENTRIES)) bpred (
        .clk(clk), .rst(rst), .d_pc(d_pc), .d_counter(bp_counter), .d_return_addr(bp_return),
        .push(d_leaves && !d_exc && d_is_call), .pop(d_leaves && !d_exc && d_is_return && !d_is_call),
        .update(x_leaves && x_is_branch && !x_exc_all), .update_pc(x_pc), .update_taken(x_taken),
        .update_counter(x_bht));

    // ---------------------------------------------------------------- M
    reg  [31:0] m_pc, m_insn, m_result, m_addr, m_store_val, m_tval, m_csr_operand;
    reg  [3:0]  m_cause;
    reg  [1:0]  m_size;
    reg  m_unsigned, m_is_load, m_is_store, m_is_csr, m_is_mret, m_is_wfi, m_is_fence_i;
    reg  m_is_sret, m_is_sfence, m_is_lr, m_is_sc, m_is_amo;
    reg  m_exc, m_first, m_csr_write;

    always @(posedge clk) begin
        // A trap empties M whether or not it is held (m_hold ignores traps).
        if (rst || m_trap) m_valid <= 1'b0;
        else if (!m_hold) begin
            m_valid <= x_valid && !x_stall && !m_redirect;
            m_pc <= x_pc; m_insn <= x_insn; m_rd <= x_rd; m_rd_we <= x_rd_we;
            m_result <= x_result; m_addr <= x_addr; m_store_val <= x_op2;
            m_size <= x_size; m_unsigned <= x_f3[2];
            m_is_load <= x_is_load; m_is_store <= x_is_store;
            m_is_sret <= x_is_sret; m_is_sfence <= x_is_sfence;
            m_is_lr <= x_is_lr; m_is_sc <= x_is_sc; m_is_amo <= x_is_amo;
            m_is_csr <= x_is_csr; m_is_mret <= x_is_mret; m_is_wfi <= x_is_wfi;
            m_is_fence_i <= x_is_fence_i;
            m_exc <= x_exc_all; m_cause <= x_cause_all; m_tval <= x_tval_all;
            m_csr_operand <= x_f3[2] ? {27'd0, x_rs1} : x_op1;
            m_csr_write <= x_f3[1:0] == 2'd1 || x_rs1 != 5'd0;
        end
        m_first <= !m_hold;
    end

    // CSRs and privilege state.
    wire [31:0] csr_rdata, trap_target, mepc, sepc, irq_cause;
    wire        irq_pending, wfi_wake;
    wire        mprv, sum, mxr, tvm, tw, tsr, satp_mode;
    wire [1:0]  mpp;
    wire [21:0] satp_ppn;

    // Data translation: the DTLB is looked up with X's address as it moves
    // to M (like the D-cache RAM), and the result registered, so the lookup
    // stays out of M's paths. A miss (or a page whose A/D bits must be set)
    // stalls M for a walk; the fill is looked up again with M's address
    // (dtlb_refresh). A walk's fault is kept in d_walk_pf/af until M moves on.
    wire [1:0]  data_priv = (priv == 2'd3 && mprv) ? mpp : priv;   // MPRV
    wire        d_xlate = satp_mode && data_priv != 2'd3;
    wire        m_mem = m_valid && (m_is_load || m_is_store) && !m_exc;
    wire [1:0]  m_acc = m_is_store ? 2'd2 : 2'd1;                  // SC, AMO: store
    wire        tlb_flush, dtlb_hit, dtlb_allowed, dtlb_need_ad, dtlb_fill;
    wire [19:0] dtlb_ppn;
    wire [7:0]  dtlb_flags;
    reg         dtlb_refresh, dtlb_hit_q;
    reg  [19:0] dtlb_ppn_q;
    reg  [7:0]  dtlb_flags_q;
    always @(posedge clk) begin
        dtlb_refresh <= dtlb_fill;
        if (!m_hold || dtlb_refresh) begin
            dtlb_hit_q <= dtlb_hit;
            dtlb_ppn_q <= dtlb_ppn;
            dtlb_flags_q <= dtlb_flags;
        end
    end
    wire [19:0] walk_fill_vpn;
    wire [21:0] walk_fill_ppn;
    wire [7:0]  walk_fill_flags;
    wire        walk_fill_super;
    b2g_tlb #(.ENTRIES(TLB_ENTRIES)) dtlb (
        .clk(clk), .rst(rst), .flush(tlb_flush), .vpn(dtlb_refresh ? m_addr[31:12] : x_addr[31:12]),
        .hit(dtlb_hit), .ppn(dtlb_ppn), .flags(dtlb_flags),
        .fill(dtlb_fill), .fill_vpn(walk_fill_vpn), .fill_pte_ppn(walk_fill_ppn),
        .fill_flags(walk_fill_flags), .fill_super(walk_fill_super));
    b2g_pte_check dcheck (.flags(dtlb_flags_q), .acc(m_acc), .priv(data_priv), .sum(sum), .mxr(mxr),
                          .allowed(dtlb_allowed), .need_ad(dtlb_need_ad));
    reg         d_walk_pf, d_walk_af;
    wire        m_xlate_ok = !d_xlate || (dtlb_hit_q && dtlb_allowed && !dtlb_need_ad && !dtlb_refresh);
    wire        m_page_fault = d_xlate && ((dtlb_hit_q && !dtlb_allowed && !dtlb_refresh) || d_walk_pf);
    wire [31:0] m_paddr = d_xlate ? {dtlb_ppn_q, m_addr[11:0]} : m_addr;

    // Access faults from the physical address (docs/isa.md): no bus cycle.
    wire pa_memory, pa_writable, pa_io;
    b2g_pma #(.RAM_SIZE(RAM_SIZE)) pma (.addr(m_paddr), .memory(pa_memory),
                                        .writable(pa_writable), .io(pa_io));
    wire m_rmw = m_is_amo || m_is_sc;                     // never on a device
    wire m_pa_fault = m_is_load ? !pa_memory && !pa_io : m_rmw ? !pa_writable : !pa_writable && !pa_io;
    wire m_mem_exc = m_mem && (m_page_fault || (d_xlate && d_walk_af) || (m_xlate_ok && m_pa_fault));
    wire [31:0] m_mem_cause = m_page_fault ? (m_is_store ? 32'd15 : 32'd13)
                                           : (m_is_store ? 32'd7 : 32'd5);

    // LR/SC: one reservation, cleared by SC and by every trap.
    reg         resv_valid;
    reg  [31:0] resv_addr;
    wire        sc_ok = resv_valid && resv_addr == m_addr;

    // Traps.
    // Taken before the instruction in M, wfi included (as the emulator does).
    wire        m_irq = m_valid && m_first && irq_pending;
    wire        m_exc_now = m_valid && m_first && m_exc;
    wire        lsu_busy, lsu_err, sb_empty;
    wire        m_bus_err = m_valid && lsu_err;
    wire        m_trap = m_irq || m_exc_now || m_mem_exc || m_bus_err;
    wire [31:0] trap_cause = m_irq ? irq_cause : m_exc ? {28'd0, m_cause}
                           : m_mem_exc ? m_mem_cause : (m_is_store ? 32'd7 : 32'd5);
    wire [31:0] trap_tval = m_irq ? 32'd0 : m_exc ? m_tval : m_addr;
    // The trap decision (behind the TLB check and the memory map) stays out
    // of m_hold and its fan-out: a trap kills F..M, held or not.
    assign      m_hold = m_valid &&
                         (lsu_busy || (m_mem && !m_xlate_ok) || (m_is_wfi && !wfi_wake) ||
                          (m_is_fence_i && !sb_empty));
    wire        m_commit = m_valid && !m_hold && !m_trap;

    b2g_csr #(.MMU(MMU)) csr (
        .clk(clk), .rst(rst),
        .csr_addr(m_insn[31:20]), .csr_write_intent(m_csr_write), .csr_rdata(csr_rdata),
        .check_addr(x_insn[31:20]), .check_write(x_f3[1:0] == 2'd1 || x_rs1 != 5'd0),
        .csr_illegal(x_csr_illegal), .csr_commit(m_commit && m_is_csr), .csr_op(m_insn[13:12]),
        .csr_operand(m_csr_operand),
        .trap_take(m_trap), .trap_cause(trap_cause), .trap_pc(m_pc), .trap_tval(trap_tval),
        .trap_target(trap_target), .mret_take(m_commit && m_is_mret),
        .sret_take(m_commit && m_is_sret), .mepc_out(mepc), .sepc_out(sepc),
        .retire(m_commit), .msip(msip), .mtip(mtip), .irq_lines(irq_lines), .mtime(mtime),
        .irq_pending(irq_pending), .irq_cause(irq_cause), .wfi_wake(wfi_wake), .priv(priv),
        .mprv(mprv), .sum(sum), .mxr(mxr), .tvm(tvm), .tw(tw), .tsr(tsr), .mpp(mpp),
        .satp_mode(satp_mode), .satp_ppn(satp_ppn));

    always @(posedge clk) begin
        if (rst || m_trap) resv_valid <= 1'b0;
        else if (m_commit && m_is_lr) begin
            resv_valid <= 1'b1;
            resv_addr <= m_addr;
        end else if (m_commit && m_is_sc) resv_valid <= 1'b0;
    end

    // Writes to the CSRs that change how memory is seen (mstatus, sstatus,
    // satp) refetch what follows, as sfence.vma does; so do writes to the
    // counter enables, which X's legality check has read.
    wire [11:0] m_csr = m_insn[31:20];
    wire m_csr_remaps = m_is_csr && m_csr_write && (m_csr == 12'h100 || m_csr == 12'h180 ||
                        m_csr == 12'h300 || m_csr == 12'h106 || m_csr == 12'h306);
    assign m_redirect = m_trap || (m_commit && (m_is_mret || m_is_sret || m_is_fence_i ||
                                                m_is_sfence || m_csr_remaps));
    assign m_redirect_pc = m_trap ? trap_target : m_is_mret ? mepc : m_is_sret ? sepc : m_pc + 32'd4;
    always @(posedge clk) begin
        m_redirect_q <= !rst && m_redirect;
        m_redirect_pc_q <= m_redirect_pc;
    end
    // fence.i empties the I-cache a cycle after it commits, with its redirect
    // (registered like it), keeping m_commit off the line-valid flops.
    reg fence_i_q;
    always @(posedge clk) fence_i_q <= !rst && m_commit && m_is_fence_i;
    assign icache_invalidate = fence_i_q;
    assign tlb_flush = m_commit && (m_is_sfence || (m_is_csr && m_csr_write && m_insn[31:20] == 12'h180));

    // Fetch translation: the ITLB is looked up with F's pc and the result
    // registered; F uses it while pc stays in the same page (a new page
    // costs one cycle), so the lookup stays out of F's paths. One cycle
    // after a fill or a flush the registered result is not trusted.
    wire itlb_hit, itlb_allowed, itlb_need_ad, itlb_fill;
    wire [7:0] itlb_flags;
    wire [19:0] itlb_lookup_ppn;
    reg  itlb_q_hit, itlb_q_stale;
    reg  [19:0] itlb_q_vpn, itlb_q_ppn;
    reg  [7:0]  itlb_q_flags;
    always @(posedge clk) begin
        itlb_q_vpn <= f_pc[31:12];
        itlb_q_hit <= itlb_hit;
        itlb_q_ppn <= itlb_lookup_ppn;
        itlb_q_flags <= itlb_flags;
        itlb_q_stale <= itlb_fill || tlb_flush;
    end
    wire itlb_match = itlb_q_vpn == f_pc[31:12] && !itlb_q_stale;
    assign itlb_ppn = itlb_q_ppn;
    assign i_xlate = satp_mode && priv != 2'd3;
    b2g_tlb #(.ENTRIES(TLB_ENTRIES)) itlb (
        .clk(clk), .rst(rst), .flush(tlb_flush), .vpn(f_pc[31:12]),
        .hit(itlb_hit), .ppn(itlb_lookup_ppn), .flags(itlb_flags),
        .fill(itlb_fill), .fill_vpn(walk_fill_vpn), .fill_pte_ppn(walk_fill_ppn),
        .fill_flags(walk_fill_flags), .fill_super(walk_fill_super));
    b2g_pte_check icheck (.flags(itlb_q_flags), .acc(2'd0), .priv(priv), .sum(sum), .mxr(mxr),
                          .allowed(itlb_allowed), .need_ad(itlb_need_ad));
    assign itlb_ok = itlb_match && itlb_q_hit && itlb_allowed && !itlb_need_ad;
    assign itlb_deny = itlb_match && itlb_q_hit && !itlb_allowed;
    assign itlb_miss = itlb_match && (!itlb_q_hit || itlb_need_ad);

    // The walker serves M first (the older instruction), then F. A fetch
    // walk overtaken by a redirect or a TLB flush is stale: its result is
    // dropped and F asks again if it still needs it.
    wire f_moves = f_redirect || m_redirect;   // F leaves its pc now or next cycle
    wire d_walk_want = m_mem && d_xlate && !m_xlate_ok && !m_trap && !dtlb_refresh;
    reg  walk_busy, walk_start, walk_for_data, walk_stale;
    reg  [31:0] walk_vaddr;
    reg  [1:0]  walk_acc, walk_priv;
    wire walk_done, walk_pf, walk_af;
    wire walk_mem_req, walk_mem_we, walk_mem_ack, walk_mem_err;
    wire [31:0] walk_mem_addr, walk_mem_wdata;
    always @(posedge clk) begin
        walk_start <= 1'b0;
        if (rst) walk_busy <= 1'b0;
        else if (!walk_busy) begin
            if (d_walk_want || (f_walk_req && !f_moves)) begin
                walk_busy <= 1'b1;
                walk_start <= 1'b1;
                walk_for_data <= d_walk_want;
                walk_stale <= 1'b0;
                walk_vaddr <= d_walk_want ? m_addr : f_pc;
                walk_acc <= d_walk_want ? m_acc : 2'd0;
                walk_priv <= d_walk_want ? data_priv : priv;
            end
        end else begin
            if (walk_done) walk_busy <= 1'b0;
            if (f_moves || tlb_flush) walk_stale <= 1'b1;
        end
        if (rst || !m_hold) begin
            d_walk_pf <= 1'b0;
            d_walk_af <= 1'b0;
        end else if (walk_done && walk_for_data) begin
            d_walk_pf <= walk_pf;
            d_walk_af <= walk_af;
        end
    end
    wire walk_ok = walk_done && !walk_pf && !walk_af && !tlb_flush;
    assign dtlb_fill = walk_ok && walk_for_data;
    assign itlb_fill = walk_ok && !walk_for_data && !walk_stale;
    assign f_walk_fault = walk_done && !walk_for_data && !walk_stale && (walk_pf || walk_af);
    assign f_walk_fault_page = walk_pf;

    wire ptw_pa_memory, ptw_pa_writable;
    b2g_pma #(.RAM_SIZE(RAM_SIZE)) ptw_pma (.addr(walk_mem_addr), .memory(ptw_pa_memory),
                                            .writable(ptw_pa_writable), .io());
    wire [31:0] walk_mem_rdata;
    // MMU=0: no walker. satp then reads 0 (b2g_csr), nothing is translated,
    // the TLBs are never filled and synthesis drops them with the walker.
    generate if (MMU) begin : g_walker
        b2g_ptw ptw (
            .clk(clk), .rst(rst), .start(walk_start), .vaddr(walk_vaddr), .acc(walk_acc),
            .priv(walk_priv), .sum(sum), .mxr(mxr), .satp_ppn(satp_ppn),
            .done(walk_done), .page_fault(walk_pf), .access_fault(walk_af),
            .fill_vpn(walk_fill_vpn), .fill_pte_ppn(walk_fill_ppn), .fill_flags(walk_fill_flags),
            .fill_super(walk_fill_super),
            .mem_req(walk_mem_req), .mem_we(walk_mem_we), .mem_addr(walk_mem_addr),
            .mem_wdata(walk_mem_wdata), .mem_rdata(walk_mem_rdata), .mem_ack(walk_mem_ack),
            .mem_err(walk_mem_err), .mem_ok_addr(walk_mem_we ? ptw_pa_writable : ptw_pa_memory));
    end else begin : g_no_walker
        assign walk_done = 1'b0; assign walk_pf = 1'b0; assign walk_af = 1'b0;
        assign walk_mem_req = 1'b0; assign walk_mem_we = 1'b0;
        assign walk_mem_addr = 32'd0; assign walk_mem_wdata = 32'd0;
        assign walk_fill_vpn = 20'd0; assign walk_fill_ppn = 22'd0;
        assign walk_fill_flags = 8'd0; assign walk_fill_super = 1'b0;
    end endgenerate

    wire [31:0] lsu_rdata, amo_value;
    b2g_lsu #(.LINES(DCACHE_LINES)) lsu (
        .clk(clk), .rst(rst), .x_addr(x_addr), .m_hold(m_hold),
        .m_req(m_mem && m_xlate_ok && (!m_is_sc || sc_ok)), .m_kill(m_irq || m_mem_exc),
        .m_store(m_is_store), .m_amo(m_is_amo), .m_amo_op(m_insn[31:27]),
        .m_io(pa_io), .m_addr(m_paddr), .m_size(m_size),
        .m_unsigned(m_unsigned), .m_wdata(m_store_val),
        .m_busy(lsu_busy), .m_rdata(lsu_rdata), .m_err(lsu_err),
        .store_wrote(lsu_store_wrote), .sb_empty(sb_empty), .amo_value(amo_value),
        .ptw_req(walk_mem_req), .ptw_we(walk_mem_we), .ptw_addr(walk_mem_addr),
        .ptw_wdata(walk_mem_wdata), .ptw_ack(walk_mem_ack), .ptw_err(walk_mem_err),
        .dbus_adr(dbus_adr), .dbus_dat_w(dbus_dat_w), .dbus_sel(dbus_sel), .dbus_we(dbus_we),
        .dbus_cyc(dbus_cyc), .dbus_stb(dbus_stb), .dbus_dat_r(dbus_dat_r),
        .dbus_ack(dbus_ack), .dbus_err(dbus_err));
    assign walk_mem_rdata = dbus_dat_r;

    assign m_fwd_value = m_result;
    wire [31:0] m_value = (m_is_load || m_is_amo) ? lsu_rdata
                        : m_is_sc ? {31'd0, !sc_ok} : m_is_csr ? csr_rdata : m_result;

    // ---------------------------------------------------------------- W
    always @(posedge clk) begin
        if (rst) w_valid <= 1'b0;
        else begin
            w_valid <= m_commit;
            w_rd <= m_rd;
            w_rd_we <= m_rd_we;
            w_value <= m_value;
        end
    end

`ifndef SYNTHESIS
    // +mmu_stats: translated fetches/accesses, walks and walker-busy
    // cycles, printed at the end of the run (bench/cpu).
    reg [63:0] st_fetches = 0, st_accesses = 0, st_iwalks = 0, st_dwalks = 0, st_walk_cycles = 0;
    always @(posedge clk) if (!rst) begin
        if (m_commit && i_xlate) st_fetches <= st_fetches + 1;
        if (m_commit && (m_is_load || m_is_store) && d_xlate) st_accesses <= st_accesses + 1;
        if (walk_start && !walk_for_data) st_iwalks <= st_iwalks + 1;
        if (walk_start && walk_for_data) st_dwalks <= st_dwalks + 1;
        if (walk_busy) st_walk_cycles <= st_walk_cycles + 1;
    end
    final if ($test$plusargs("mmu_stats"))
        $display("mmu: translated_fetches=%0d itlb_walks=%0d translated_accesses=%0d dtlb_walks=%0d walk_cycles=%0d",
                 st_fetches, st_iwalks, st_accesses, st_dwalks, st_walk_cycles);

    // Retired-instruction trace in the docs/isa.md format (+trace=<file>).
    integer trace_fd = 0;
    reg [8*256-1:0] trace_name;
    wire [7:0] priv_letter = priv == 2'd3 ? "M" : priv == 2'd1 ? "S" : "U";
    initial if ($value$plusargs("trace=%s", trace_name)) trace_fd = $fopen(trace_name, "w");
    always @(posedge clk) if (trace_fd != 0 && !rst) begin
        if (m_trap)
            $fwrite(trace_fd, "%c %08x trap %08x %08x\n", priv_letter, m_pc, trap_cause, trap_tval);
        else if (m_commit) begin
            $fwrite(trace_fd, "%c %08x %08x", priv_letter, m_pc, m_insn);
            if (m_rd_we && m_rd != 5'd0) $fwrite(trace_fd, " x%0d=%08x", m_rd, m_value);
            if (m_is_amo) $fwrite(trace_fd, " mem[%08x]=%08x", m_addr, amo_value);
            else if (m_is_store && (!m_is_sc || sc_ok)) case (m_size)
                2'd0: $fwrite(trace_fd, " mem[%08x]=%02x", m_addr, m_store_val[7:0]);
                2'd1: $fwrite(trace_fd, " mem[%08x]=%04x", m_addr, m_store_val[15:0]);
                default: $fwrite(trace_fd, " mem[%08x]=%08x", m_addr, m_store_val);
            endcase
            $fwrite(trace_fd, "\n");
        end
    end
`endif
endmodule
