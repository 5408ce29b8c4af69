// CSR file and trap unit (M stage, the commit point). Machine mode only for
// now; `priv` is kept as a register so S/U modes (issue 11) slot in here:
// privilege checks on csr_addr[9:8], delegation and sret.
module b2g_csr (
    input  wire        clk,
    input  wire        rst,
    // CSR instruction in M
    input  wire [11:0] csr_addr,
    input  wire        csr_write_intent, // csrrw, or csrrs/c with rs1 != x0
    output reg  [31:0] csr_rdata,
    output reg         csr_illegal,
    input  wire        csr_commit,       // the CSR instruction retires now
    input  wire [1:0]  csr_op,           // funct3[1:0]: 1 write, 2 set, 3 clear
    input  wire [31:0] csr_operand,      // rs1 value or zimm
    // traps
    input  wire        trap_take,
    input  wire [31:0] trap_cause,
    input  wire [31:0] trap_pc,
    input  wire [31:0] trap_tval,
    output wire [31:0] trap_target,
    input  wire        mret_take,
    output wire [31:0] mepc_out,
    input  wire        retire,
    // interrupts
    input  wire        msip,
    input  wire        mtip,
    input  wire [31:0] irq_lines,
    output wire        irq_pending,      // an enabled interrupt should be taken
    output reg  [31:0] irq_cause,
    output wire        wfi_wake,
    output wire [1:0]  priv
);
    // misa says what is built: RV32 I and M. A, S and U come with issue 11
    // (then 0x40141101, the emulator's value); until then their instructions
    // and CSRs trap as illegal.
    localparam MISA = 32'h4000_1100;
    reg        mie_bit, mpie_bit;
    reg        msie, mtie, meie;
    reg [31:0] mtvec, mscratch, mepc, mcause, mtval, mirqmask;
    reg [63:0] mcycle, minstret;
    assign priv = 2'b11;

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
    wire [31:0] mip_val = {20'd0, meip, 3'd0, mtip_q, 3'd0, msip_q, 3'd0};
    wire [31:0] mie_val = {20'd0, meie, 3'd0, mtie, 3'd0, msie, 3'd0};
    wire [31:0] mstatus_val = {19'd0, 2'b11, 3'd0, mpie_bit, 3'd0, mie_bit, 3'd0};
    wire [31:0] enabled = mip_val & mie_val;
    assign wfi_wake = |enabled;
    assign irq_pending = mie_bit && |enabled;
    always @* begin   // priority: external, software, timer
        if (enabled[11])     irq_cause = 32'h8000_000b;
        else if (enabled[3]) irq_cause = 32'h8000_0003;
        else                 irq_cause = 32'h8000_0007;
    end
    assign trap_target = (mtvec[0] && trap_cause[31])
                       ? {mtvec[31:2], 2'b00} + {trap_cause[29:0], 2'b00}
                       : {mtvec[31:2], 2'b00};
    assign mepc_out = mepc;

    // Reads decode only the address bits that tell the implemented CSRs
    // apart (a full 12-bit decode per CSR costs hundreds of LUTs); whether
    // the address exists at all is decided separately, in csr_illegal.
    wire        is_irqmask = csr_addr[11:8] == 4'hB && csr_addr[7:6] == 2'b11;   // 0xBC0
    wire        is_counter = (csr_addr[11:8] == 4'hB || csr_addr[11:8] == 4'hC) && !is_irqmask;
    wire [63:0] counter = csr_addr[1] ? minstret : mcycle;
    reg  [31:0] machine_r;   // the 0x30x and 0x34x trap CSRs
    always @* begin
        case (csr_addr[6:0])
            7'h00: machine_r = mstatus_val;
            7'h01: machine_r = MISA;
            7'h04: machine_r = mie_val;
            7'h05: machine_r = mtvec;
            7'h40: machine_r = mscratch;
            7'h41: machine_r = mepc;
            7'h42: machine_r = mcause;
            7'h43: machine_r = mtval;
            7'h44: machine_r = mip_val;
            default: machine_r = 32'd0;   // mstatush, ids, mhartid, mconfigptr
        endcase
        if (is_irqmask)                  csr_rdata = mirqmask;
        else if (is_counter)             csr_rdata = csr_addr[7] ? counter[63:32] : counter[31:0];
        else if (csr_addr[11:8] == 4'hF) csr_rdata = csr_addr[6] ? irq_q : 32'd0;   // 0xFC0, ids
        else                             csr_rdata = machine_r;
    end

    always @* begin
        case (csr_addr)
            12'h300, 12'h301, 12'h304, 12'h305, 12'h310, 12'h340, 12'h341, 12'h342, 12'h343,
            12'h344, 12'hB00, 12'hB02, 12'hB80, 12'hB82, 12'hC00, 12'hC02, 12'hC80, 12'hC82,
            12'hBC0, 12'hFC0, 12'hF11, 12'hF12, 12'hF13, 12'hF14, 12'hF15:
                csr_illegal = csr_addr[11:10] == 2'b11 && csr_write_intent;   // read-only
            default: csr_illegal = 1'b1;
        endcase
    end

    reg [31:0] wval;
    always @* begin
        case (csr_op)
            2'd1:    wval = csr_operand;
            2'd2:    wval = csr_rdata | csr_operand;
            default: wval = csr_rdata & ~csr_operand;
        endcase
    end
    wire csr_we = csr_commit && csr_write_intent;

    always @(posedge clk) begin
        if (rst) begin
            mie_bit <= 1'b0; mpie_bit <= 1'b0;
            msie <= 1'b0; mtie <= 1'b0; meie <= 1'b0;
            mtvec <= 32'd0; mscratch <= 32'd0; mepc <= 32'd0;
            mcause <= 32'd0; mtval <= 32'd0; mirqmask <= 32'd0;
            mcycle <= 64'd0; minstret <= 64'd0;
        end else begin
            mcycle <= mcycle + 64'd1;
            if (retire) minstret <= minstret + 64'd1;
            if (trap_take) begin
                mepc <= trap_pc;
                mcause <= trap_cause;
                mtval <= trap_tval;
                mpie_bit <= mie_bit;
                mie_bit <= 1'b0;
            end else if (mret_take) begin
                mie_bit <= mpie_bit;
                mpie_bit <= 1'b1;
            end else if (csr_we) begin
                case (csr_addr)
                    12'h300: begin mie_bit <= wval[3]; mpie_bit <= wval[7]; end
                    12'h304: begin msie <= wval[3]; mtie <= wval[7]; meie <= wval[11]; end
                    12'h305: mtvec <= {wval[31:2], 1'b0, wval[0]};
                    12'h340: mscratch <= wval;
                    12'h341: mepc <= {wval[31:2], 2'b00};
                    12'h342: mcause <= wval;
                    12'h343: mtval <= wval;
                    12'hB00: mcycle[31:0] <= wval;
                    12'hB80: mcycle[63:32] <= wval;
                    12'hB02: minstret[31:0] <= wval;
                    12'hB82: minstret[63:32] <= wval;
                    12'hBC0: mirqmask <= wval;
                    default: ;
                endcase
            end
        end
    end
endmodule
