// CSR file and trap unit (M stage, the commit point): M, S and U modes.
// Follows the emulator (sim/emu/csr.c, the golden model): which CSRs exist,
// their writable bits, delegation through medeleg/mideleg, the order in
// which interrupts are taken, and what mret/sret restore.
module b2g_csr #(
    parameter MMU = 1                    // 0: satp is read-only zero (only Bare)
) (
    input  wire        clk,
    input  wire        rst,
    // CSR instruction in M
    input  wire [11:0] csr_addr,
    input  wire        csr_write_intent, // csrrw, or csrrs/c with rs1 != x0
    output reg  [31:0] csr_rdata,
    // legality of the CSR instruction in X (the core registers it into M)
    input  wire [11:0] check_addr,
    input  wire        check_write,
    output wire        csr_illegal,      // missing, above the privilege, or read-only
    input  wire        csr_commit,       // the CSR instruction retires now
    input  wire [1:0]  csr_op,           // funct3[1:0]: 1 write, 2 set, 3 clear
    input  wire [31:0] csr_operand,      // rs1 value or zimm
    // traps and returns
    input  wire        trap_take,
    input  wire [31:0] trap_cause,
    input  wire [31:0] trap_pc,
    input  wire [31:0] trap_tval,
    output wire [31:0] trap_target,
    input  wire        mret_take,
    input  wire        sret_take,
    output wire [31:0] mepc_out,
    output wire [31:0] sepc_out,
    input  wire        retire,
    // interrupts
    input  wire        msip,
    input  wire        mtip,
    input  wire [31:0] irq_lines,
    input  wire [63:0] mtime,            // the CLINT's, for the time CSR
    output wire        irq_pending,      // an enabled interrupt should be taken
    output reg  [31:0] irq_cause,
    output wire        wfi_wake,
    // privilege state for the pipeline and the MMU
    output reg  [1:0]  priv,
    output wire        mprv, sum, mxr, tvm, tw, tsr,
    output wire [1:0]  mpp,
    output wire        satp_mode,
    output wire [21:0] satp_ppn
);
    localparam MISA = 32'h4014_1101;   // RV32 A I M S U, the emulator's value
    localparam [31:0] SSTATUS_MASK = 32'h000C_0122;   // SIE SPIE SPP SUM MXR
    localparam [31:0] MSTATUS_MASK = 32'h007E_19AA;   // + MIE MPIE MPP MPRV TVM TW TSR
    localparam [31:0] S_IRQS = 32'h222, ALL_IRQS = 32'hAAA;
    localparam [31:0] MEDELEG_MASK = 32'hB3FF;        // every exception but ecall from M

    reg [31:0] mstatus, medeleg, mideleg, mie, mip_sw, mcounteren, scounteren;
    reg [31:0] mtvec, mscratch, mepc, mcause, mtval, mirqmask;
    reg [31:0] stvec, sscratch, sepc, scause, stval, sirqmask, satp;
    reg [63:0] mcycle, minstret;

    assign mprv = mstatus[17]; assign sum = mstatus[18]; assign mxr = mstatus[19];
    assign tvm = mstatus[20];  assign tw = mstatus[21];  assign tsr = mstatus[22];
    assign mpp = mstatus[12:11];
    // Without the MMU satp is WARL with only Bare: it reads 0, writes of
    // Sv32 are ignored (the privileged spec's rule for unsupported modes).
    wire [31:0] satp_val = MMU ? satp : 32'd0;
    assign satp_mode = satp_val[31];
    assign satp_ppn = satp_val[21:0];
    assign mepc_out = mepc;
    assign sepc_out = sepc;

    // Interrupt inputs are registered first: the CLINT's 64-bit compare and
    // the SoC's lines then stay out of the trap path (one cycle of latency).
    reg        msip_q, mtip_q;
    reg [31:0] irq_q;
    always @(posedge clk) begin
        msip_q <= msip;
        mtip_q <= mtip;
        irq_q <= irq_lines;
    end
    wire meip = |(irq_q & mirqmask);
    wire seip = |(irq_q & sirqmask);
    wire [31:0] mip_val = mip_sw | {20'd0, meip, 1'b0, seip, 1'b0, mtip_q, 3'd0, msip_q, 3'd0};

    // Interrupts: M-level ones below M or with MIE; delegated ones below S
    // or in S with SIE, never in M. Priority MEI, MSI, MTI, SEI, SSI, STI.
    wire [31:0] pending = mip_val & mie;
    wire [31:0] m_enabled = (priv != 2'd3 || mstatus[3]) ? ~mideleg : 32'd0;
    wire [31:0] s_enabled = (priv == 2'd0 || (priv == 2'd1 && mstatus[1])) ? mideleg : 32'd0;
    wire [31:0] take = pending & (m_enabled | s_enabled);
    assign wfi_wake = |pending;
    assign irq_pending = |take;
    always @* begin
        if (take[11])     irq_cause = 32'h8000_000b;
        else if (take[3]) irq_cause = 32'h8000_0003;
        else if (take[7]) irq_cause = 32'h8000_0007;
        else if (take[9]) irq_cause = 32'h8000_0009;
        else if (take[1]) irq_cause = 32'h8000_0001;
        else              irq_cause = 32'h8000_0005;
    end

    // Where a trap goes: S if taken below M and delegated.
    wire [31:0] deleg = trap_cause[31] ? mideleg : medeleg;
    wire to_s = priv != 2'd3 && deleg[trap_cause[4:0]];
    wire [31:0] tvec = to_s ? stvec : mtvec;
    assign trap_target = (tvec[0] && trap_cause[31])
                       ? {tvec[31:2], 2'b00} + {trap_cause[29:0], 2'b00}
                       : {tvec[31:2], 2'b00};

    // Reads.
    wire [63:0] counter = csr_addr[4:0] == 5'd0 ? mcycle : csr_addr[4:0] == 5'd1 ? mtime
                        : csr_addr[4:0] == 5'd2 ? minstret : 64'd0;
    always @* begin
        case (csr_addr)
            12'h100: csr_rdata = mstatus & SSTATUS_MASK;
            12'h104: csr_rdata = mie & mideleg;
            12'h105: csr_rdata = stvec;
            12'h106: csr_rdata = scounteren;
            12'h140: csr_rdata = sscratch;
            12'h141: csr_rdata = sepc;
            12'h142: csr_rdata = scause;
            12'h143: csr_rdata = stval;
            12'h144: csr_rdata = mip_val & mideleg;
            12'h180: csr_rdata = satp_val;
            12'h300: csr_rdata = mstatus;
            12'h301: csr_rdata = MISA;
            12'h302: csr_rdata = medeleg;
            12'h303: csr_rdata = mideleg;
            12'h304: csr_rdata = mie;
            12'h305: csr_rdata = mtvec;
            12'h306: csr_rdata = mcounteren;
            12'h340: csr_rdata = mscratch;
            12'h341: csr_rdata = mepc;
            12'h342: csr_rdata = mcause;
            12'h343: csr_rdata = mtval;
            12'h344: csr_rdata = mip_val;
            12'h9C0: csr_rdata = sirqmask;
            12'hBC0: csr_rdata = mirqmask;
            12'hDC0, 12'hFC0: csr_rdata = irq_q;
            // counters (B00-B1F, B80-B9F, C00-C1F, C80-C9F); 0 for the rest
            default: csr_rdata = !csr_addr[11] ? 32'd0 : csr_addr[7] ? counter[63:32] : counter[31:0];
        endcase
    end

    // Legality, checked on X's CSR address so that only a flop of it is in
    // M's trap path. Correct because everything it depends on (privilege,
    // TVM, mcounteren, scounteren) only changes with a redirect from M,
    // which empties X (the core refetches after writes to those CSRs).
    reg exists;
    always @* begin
        case (check_addr)
            12'h100, 12'h104, 12'h105, 12'h106, 12'h140, 12'h141, 12'h142, 12'h143, 12'h144,
            12'h180, 12'h300, 12'h301, 12'h302, 12'h303, 12'h304, 12'h305, 12'h306, 12'h340,
            12'h341, 12'h342, 12'h343, 12'h344, 12'h9C0, 12'hBC0, 12'hDC0, 12'hFC0,
            12'h10A, 12'h30A, 12'h31A, 12'h310, 12'h320,
            12'hF11, 12'hF12, 12'hF13, 12'hF14, 12'hF15: exists = 1'b1;
            // counters, hpmevent, PMP
            default: exists = ((check_addr[11:8] == 4'hB || check_addr[11:8] == 4'hC) &&
                               check_addr[6:5] == 2'b00) ||
                              (check_addr >= 12'h323 && check_addr <= 12'h33F) ||
                              (check_addr >= 12'h3A0 && check_addr <= 12'h3EF);
        endcase
    end
    wire user_counter = check_addr[11:8] == 4'hC;   // cycle, time, instret, hpm (+h)
    wire counter_bit_m = mcounteren[check_addr[4:0]], counter_bit_s = scounteren[check_addr[4:0]];
    wire counter_denied = user_counter && exists && priv != 2'd3 &&
                          (!counter_bit_m || (priv == 2'd0 && !counter_bit_s));
    assign csr_illegal = !exists || priv < check_addr[9:8] ||
                         (check_write && check_addr[11:10] == 2'b11) ||
                         (check_addr == 12'h180 && priv == 2'd1 && tvm) || counter_denied;

    // Writes: csrrs/csrrc on mip/sip work on the software SEIP bit, not
    // the line-driven one.
    wire [31:0] base = (csr_addr == 12'h344 || csr_addr == 12'h144)
                     ? (csr_rdata & ~32'h200) | (mip_sw & 32'h200) : csr_rdata;
    reg [31:0] wval;
    always @* begin
        case (csr_op)
            2'd1:    wval = csr_operand;
            2'd2:    wval = base | csr_operand;
            default: wval = base & ~csr_operand;
        endcase
    end
    wire csr_we = csr_commit && csr_write_intent;
    wire [1:0] new_mpp = wval[12:11] == 2'b10 ? mstatus[12:11] : wval[12:11];   // 2 is reserved

    always @(posedge clk) begin
        if (rst) begin
            priv <= 2'd3;
            mstatus <= 32'd0; medeleg <= 32'd0; mideleg <= 32'd0; mie <= 32'd0; mip_sw <= 32'd0;
            mcounteren <= 32'd0; scounteren <= 32'd0;
            mtvec <= 32'd0; mscratch <= 32'd0; mepc <= 32'd0; mcause <= 32'd0; mtval <= 32'd0;
            stvec <= 32'd0; sscratch <= 32'd0; sepc <= 32'd0; scause <= 32'd0; stval <= 32'd0;
            satp <= 32'd0; mirqmask <= 32'd0; sirqmask <= 32'd0;
            mcycle <= 64'd0; minstret <= 64'd0;
        end else begin
            mcycle <= mcycle + 64'd1;
            if (retire) minstret <= minstret + 64'd1;
            if (trap_take && to_s) begin
                scause <= trap_cause; sepc <= trap_pc; stval <= trap_tval;
                mstatus[5] <= mstatus[1];           // SPIE <= SIE
                mstatus[8] <= priv[0];              // SPP
                mstatus[1] <= 1'b0;
                priv <= 2'd1;
            end else if (trap_take) begin
                mcause <= trap_cause; mepc <= trap_pc; mtval <= trap_tval;
                mstatus[7] <= mstatus[3];           // MPIE <= MIE
                mstatus[12:11] <= priv;             // MPP
                mstatus[3] <= 1'b0;
                priv <= 2'd3;
            end else if (mret_take) begin
                mstatus[3] <= mstatus[7];
                mstatus[7] <= 1'b1;
                mstatus[12:11] <= 2'd0;
                if (mstatus[12:11] != 2'd3) mstatus[17] <= 1'b0;   // MPRV
                priv <= mstatus[12:11];
            end else if (sret_take) begin
                mstatus[1] <= mstatus[5];
                mstatus[5] <= 1'b1;
                mstatus[8] <= 1'b0;
                mstatus[17] <= 1'b0;
                priv <= {1'b0, mstatus[8]};
            end else if (csr_we) begin
                case (csr_addr)
                    12'h100: mstatus <= (mstatus & ~SSTATUS_MASK) | (wval & SSTATUS_MASK);
                    12'h104: mie <= (mie & ~mideleg) | (wval & mideleg);
                    12'h105: stvec <= {wval[31:2], 1'b0, wval[0]};
                    12'h106: scounteren <= wval;
                    12'h140: sscratch <= wval;
                    12'h141: sepc <= {wval[31:2], 2'b00};
                    12'h142: scause <= wval;
                    12'h143: stval <= wval;
                    12'h144: mip_sw <= (mip_sw & ~(32'h2 & mideleg)) | (wval & 32'h2 & mideleg);
                    12'h180: satp <= wval & 32'h803F_FFFF;    // no ASID bits (unused if !MMU)
                    12'h300: mstatus <= (wval & MSTATUS_MASK & ~32'h1800) | {19'd0, new_mpp, 11'd0};
                    12'h302: medeleg <= wval & MEDELEG_MASK;
                    12'h303: mideleg <= wval & S_IRQS;
                    12'h304: mie <= wval & ALL_IRQS;
                    12'h305: mtvec <= {wval[31:2], 1'b0, wval[0]};
                    12'h306: mcounteren <= wval;
                    12'h340: mscratch <= wval;
                    12'h341: mepc <= {wval[31:2], 2'b00};
                    12'h342: mcause <= wval;
                    12'h343: mtval <= wval;
                    12'h344: mip_sw <= wval & S_IRQS;
                    12'h9C0: sirqmask <= wval;
                    12'hBC0: mirqmask <= wval;
                    12'hB00: mcycle[31:0] <= wval;
                    12'hB80: mcycle[63:32] <= wval;
                    12'hB02: minstret[31:0] <= wval;
                    12'hB82: minstret[63:32] <= wval;
                    default: ;
                endcase
            end
        end
    end
endmodule
