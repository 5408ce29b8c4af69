// bits2gpt CPU: RV32IM + Zicsr + Zifencei, machine mode, 5 stages.
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
// state. Redirects: M (trap, mret, fence.i) > X (misprediction) > D (predicted
// taken).
module b2g_core #(
    parameter ICACHE_LINES = 128,    // 8-word lines: 128 lines = 4 KiB
    parameter DCACHE_LINES = 128,
    parameter BHT_ENTRIES  = 64,
    parameter [31:0] RAM_SIZE = 32'h0400_0000   // main RAM fitted, for access faults
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
    input  wire        mtip
);
    // ---------------------------------------------------------------- control
    wire        m_redirect, x_redirect, d_redirect;
    wire [31:0] m_redirect_pc, x_redirect_pc, d_redirect_pc;
    wire        m_hold, x_hold, d_hold, x_stall, d_stall;
    wire        icache_invalidate;

    // ---------------------------------------------------------------- F
    wire        f_valid, f_fault;
    wire [31:0] f_pc, f_insn;
    b2g_fetch #(.LINES(ICACHE_LINES), .RAM_SIZE(RAM_SIZE)) fetch (
        .clk(clk), .rst(rst),
        .redirect(m_redirect || x_redirect || d_redirect),
        .redirect_pc(m_redirect ? m_redirect_pc : x_redirect ? x_redirect_pc : d_redirect_pc),
        .advance(!d_hold), .invalidate(icache_invalidate),
        .valid(f_valid), .pc(f_pc), .insn(f_insn), .fault(f_fault),
        .ibus_adr(ibus_adr), .ibus_cyc(ibus_cyc), .ibus_stb(ibus_stb),
        .ibus_dat_r(ibus_dat_r), .ibus_ack(ibus_ack), .ibus_err(ibus_err));

    // ---------------------------------------------------------------- D
    reg         d_valid, d_fault;
    reg  [31:0] d_pc, d_insn;
    always @(posedge clk) begin
        if (rst || m_redirect || x_redirect) d_valid <= 1'b0;
        else if (!d_hold) begin
            d_valid <= f_valid && !d_redirect;
            d_pc <= f_pc;
            d_insn <= f_insn;
            d_fault <= f_fault;
        end
    end

    wire [4:0]  d_rd, d_rs1, d_rs2;
    wire [31:0] d_imm;
    wire [3:0]  d_alu_op;
    wire d_uses_rs1, d_uses_rs2, d_rd_we, d_a_is_pc, d_a_is_zero, d_b_is_imm;
    wire d_is_branch, d_is_jal, d_is_jalr, d_is_load, d_is_store, d_is_muldiv;
    wire d_is_csr, d_is_ecall, d_is_ebreak, d_is_mret, d_is_wfi, d_is_fence_i, d_illegal;
    b2g_decoder decoder (
        .insn(d_insn), .rd(d_rd), .rs1(d_rs1), .rs2(d_rs2), .imm(d_imm),
        .uses_rs1(d_uses_rs1), .uses_rs2(d_uses_rs2), .rd_we(d_rd_we),
        .alu_op(d_alu_op), .a_is_pc(d_a_is_pc), .a_is_zero(d_a_is_zero), .b_is_imm(d_b_is_imm),
        .is_branch(d_is_branch), .is_jal(d_is_jal), .is_jalr(d_is_jalr),
        .is_load(d_is_load), .is_store(d_is_store), .is_muldiv(d_is_muldiv),
        .is_csr(d_is_csr), .is_ecall(d_is_ecall), .is_ebreak(d_is_ebreak),
        .is_mret(d_is_mret), .is_wfi(d_is_wfi), .is_fence_i(d_is_fence_i),
        .illegal(d_illegal));

    // Exceptions found in D (fetch fault first, as the spec orders them).
    wire        d_exc = d_fault || d_illegal || d_is_ecall || d_is_ebreak;
    wire [3:0]  d_cause = d_fault ? 4'd1 : d_illegal ? 4'd2 : d_is_ebreak ? 4'd3 : 4'd11;
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
    assign d_redirect = d_leaves && d_predict;
    assign d_redirect_pc = d_pred_next;

    // Load-use hazard: the value comes from a load now in X.
    reg        x_valid, x_is_load;
    reg [4:0]  x_rd;
    assign d_stall = d_valid && x_valid && x_is_load && x_rd != 5'd0 &&
                     ((d_uses_rs1 && d_rs1 == x_rd) || (d_uses_rs2 && d_rs2 == x_rd));
    assign d_hold = x_hold || d_stall;

    // ---------------------------------------------------------------- X
    reg  [31:0] x_pc, x_insn, x_imm, x_rs1_val, x_rs2_val, x_pred_next, x_tval;
    reg  [4:0]  x_rs1, x_rs2;
    reg  [3:0]  x_alu_op, x_cause;
    reg  [1:0]  x_bht;
    reg  x_rd_we, x_a_is_pc, x_a_is_zero, x_b_is_imm, x_is_branch, x_is_jal, x_is_jalr;
    reg  x_is_store, x_is_muldiv, x_is_csr, x_is_mret, x_is_wfi, x_is_fence_i, x_exc;

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
    wire [31:0] x_target = x_is_jalr ? ((x_op1 + x_imm) & ~32'd1) : x_pc + x_imm;
    wire [31:0] x_pc4 = x_pc + 32'd4;
    wire [31:0] x_next = x_taken ? x_target : x_pc4;
    wire x_misfetch = x_taken && x_target[1];

    // Memory access checks.
    wire [31:0] x_addr = x_op1 + x_imm;
    wire [1:0]  x_size = x_f3[1:0];
    wire x_mem = x_is_load || x_is_store;
    wire x_misaligned = x_mem && ((x_size == 2'd1 && x_addr[0]) || (x_size == 2'd2 && x_addr[1:0] != 2'd0));
    wire x_addr_memory, x_addr_writable, x_addr_io;
    b2g_pma #(.RAM_SIZE(RAM_SIZE)) pma (.addr(x_addr), .memory(x_addr_memory),
                                        .writable(x_addr_writable), .io(x_addr_io));
    wire x_access_fault = x_mem && !x_addr_io && (x_is_store ? !x_addr_writable : !x_addr_memory);

    wire        x_exc_all = x_exc || x_misfetch || x_misaligned || x_access_fault;
    wire [3:0]  x_cause_all = x_exc ? x_cause : x_misfetch ? 4'd0
                            : x_misaligned ? (x_is_store ? 4'd6 : 4'd4)
                            : (x_is_store ? 4'd7 : 4'd5);
    wire [31:0] x_tval_all = x_exc ? x_tval : x_misfetch ? x_target : x_addr;

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
    assign x_redirect = x_leaves && (x_is_branch || x_is_jal || x_is_jalr)
                        && x_next != x_pred_next;
    assign x_redirect_pc = x_next;

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
            x_exc <= d_exc; x_cause <= d_cause; x_tval <= d_tval;
            x_pred_next <= d_pred_next;
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
    reg  m_unsigned, m_is_load, m_is_store, m_io, m_is_csr, m_is_mret, m_is_wfi, m_is_fence_i;
    reg  m_exc, m_first, m_csr_write;

    always @(posedge clk) begin
        if (rst) m_valid <= 1'b0;
        else if (!m_hold) begin
            m_valid <= x_valid && !x_stall && !m_redirect;
            m_pc <= x_pc; m_insn <= x_insn; m_rd <= x_rd; m_rd_we <= x_rd_we;
            m_result <= x_result; m_addr <= x_addr; m_store_val <= x_op2;
            m_size <= x_size; m_unsigned <= x_f3[2];
            m_is_load <= x_is_load; m_is_store <= x_is_store; m_io <= x_addr_io;
            m_is_csr <= x_is_csr; m_is_mret <= x_is_mret; m_is_wfi <= x_is_wfi;
            m_is_fence_i <= x_is_fence_i;
            m_exc <= x_exc_all; m_cause <= x_cause_all; m_tval <= x_tval_all;
            m_csr_operand <= x_f3[2] ? {27'd0, x_rs1} : x_op1;
            m_csr_write <= x_f3[1:0] == 2'd1 || x_rs1 != 5'd0;
        end
        m_first <= !m_hold;
    end

    // CSRs and traps.
    wire [31:0] csr_rdata, trap_target, mepc, irq_cause;
    wire        csr_illegal, irq_pending, wfi_wake;
    wire        m_irq = m_valid && m_first && irq_pending && !m_is_wfi;
    wire        m_exc_now = m_valid && m_first && (m_exc || (m_is_csr && csr_illegal));
    wire        lsu_busy, lsu_err, sb_empty;
    wire        m_bus_err = m_valid && lsu_err;
    wire        m_trap = m_irq || m_exc_now || m_bus_err;
    wire [31:0] trap_cause = m_irq ? irq_cause : m_exc ? {28'd0, m_cause}
                           : m_bus_err ? (m_is_store ? 32'd7 : 32'd5) : 32'd2;
    wire [31:0] trap_tval = m_irq ? 32'd0 : m_exc ? m_tval : m_bus_err ? m_addr : m_insn;
    wire        m_stall = m_valid && !m_trap &&
                          (lsu_busy || (m_is_wfi && !wfi_wake) || (m_is_fence_i && !sb_empty));
    assign      m_hold = m_stall;
    wire        m_commit = m_valid && !m_stall && !m_trap;

    b2g_csr csr (
        .clk(clk), .rst(rst),
        .csr_addr(m_insn[31:20]), .csr_write_intent(m_csr_write), .csr_rdata(csr_rdata),
        .csr_illegal(csr_illegal), .csr_commit(m_commit && m_is_csr), .csr_op(m_insn[13:12]),
        .csr_operand(m_csr_operand),
        .trap_take(m_trap), .trap_cause(trap_cause), .trap_pc(m_pc), .trap_tval(trap_tval),
        .trap_target(trap_target), .mret_take(m_commit && m_is_mret), .mepc_out(mepc),
        .retire(m_commit), .msip(msip), .mtip(mtip), .irq_lines(irq_lines),
        .irq_pending(irq_pending), .irq_cause(irq_cause), .wfi_wake(wfi_wake), .priv());

    assign m_redirect = m_trap || (m_commit && (m_is_mret || m_is_fence_i));
    assign m_redirect_pc = m_trap ? trap_target : m_is_mret ? mepc : m_pc + 32'd4;
    assign icache_invalidate = m_commit && m_is_fence_i;

    wire [31:0] lsu_rdata;
    b2g_lsu #(.LINES(DCACHE_LINES)) lsu (
        .clk(clk), .rst(rst), .x_addr(x_addr), .m_hold(m_hold),
        .m_req(m_valid && (m_is_load || m_is_store) && !m_exc && !m_irq),
        .m_store(m_is_store), .m_io(m_io), .m_addr(m_addr), .m_size(m_size),
        .m_unsigned(m_unsigned), .m_wdata(m_store_val),
        .m_busy(lsu_busy), .m_rdata(lsu_rdata), .m_err(lsu_err),
        .store_wrote(lsu_store_wrote), .sb_empty(sb_empty),
        .dbus_adr(dbus_adr), .dbus_dat_w(dbus_dat_w), .dbus_sel(dbus_sel), .dbus_we(dbus_we),
        .dbus_cyc(dbus_cyc), .dbus_stb(dbus_stb), .dbus_dat_r(dbus_dat_r),
        .dbus_ack(dbus_ack), .dbus_err(dbus_err));

    assign m_fwd_value = m_is_csr ? csr_rdata : m_result;
    wire [31:0] m_value = m_is_load ? lsu_rdata : m_fwd_value;

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
    // Retired-instruction trace in the docs/isa.md format (+trace=<file>).
    integer trace_fd = 0;
    reg [8*256-1:0] trace_name;
    initial if ($value$plusargs("trace=%s", trace_name)) trace_fd = $fopen(trace_name, "w");
    always @(posedge clk) if (trace_fd != 0 && !rst) begin
        if (m_trap)
            $fwrite(trace_fd, "M %08x trap %08x %08x\n", m_pc, trap_cause, trap_tval);
        else if (m_commit) begin
            $fwrite(trace_fd, "M %08x %08x", m_pc, m_insn);
            if (m_rd_we && m_rd != 5'd0) $fwrite(trace_fd, " x%0d=%08x", m_rd, m_value);
            if (m_is_store) case (m_size)
                2'd0: $fwrite(trace_fd, " mem[%08x]=%02x", m_addr, m_store_val[7:0]);
                2'd1: $fwrite(trace_fd, " mem[%08x]=%04x", m_addr, m_store_val[15:0]);
                default: $fwrite(trace_fd, " mem[%08x]=%08x", m_addr, m_store_val);
            endcase
            $fwrite(trace_fd, "\n");
        end
    end
`endif
endmodule
