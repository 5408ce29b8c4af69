// Instruction decoder (D stage): RV32IMA + Zicsr + Zifencei + the privileged
// instructions (mret, sret, wfi, sfence.vma). Whether the current privilege
// may run them (and may touch a CSR) is decided in X (b2g_core, b2g_csr).
// Pure combinational: turns one instruction word into the control fields the
// later stages carry. Anything it does not recognise is flagged illegal.
module b2g_decoder (
    input  wire [31:0] insn,
    output wire [4:0]  rd,
    output wire [4:0]  rs1,
    output wire [4:0]  rs2,
    output reg  [31:0] imm,
    output reg         uses_rs1,
    output reg         uses_rs2,
    output reg         rd_we,
    output reg  [3:0]  alu_op,     // see b2g_alu
    output reg         a_is_pc,    // ALU operand a = pc (auipc)
    output reg         a_is_zero,  // ALU operand a = 0 (lui)
    output reg         b_is_imm,   // ALU operand b = imm
    output reg         is_branch,
    output reg         is_jal,
    output reg         is_jalr,
    output reg         is_load,
    output reg         is_store,
    output reg         is_muldiv,
    output reg         is_csr,
    output reg         is_ecall,
    output reg         is_ebreak,
    output reg         is_mret,
    output reg         is_wfi,
    output reg         is_fence_i,
    output reg         is_sret,
    output reg         is_sfence,
    output reg         is_lr,      // also is_load
    output reg         is_sc,      // also is_store
    output reg         is_amo,     // also is_store; amo_op = funct5
    output reg         illegal
);
    wire [6:0] opcode = insn[6:0];
    wire [2:0] funct3 = insn[14:12];
    wire [6:0] funct7 = insn[31:25];
    assign rd  = insn[11:7];
    assign rs1 = insn[19:15];
    assign rs2 = insn[24:20];

    wire [31:0] imm_i = {{21{insn[31]}}, insn[30:20]};
    wire [31:0] imm_s = {{21{insn[31]}}, insn[30:25], insn[11:7]};
    wire [31:0] imm_b = {{20{insn[31]}}, insn[7], insn[30:25], insn[11:8], 1'b0};
    wire [31:0] imm_u = {insn[31:12], 12'b0};
    wire [31:0] imm_j = {{12{insn[31]}}, insn[19:12], insn[20], insn[30:21], 1'b0};

    // ALU operations (shared with b2g_alu).
    localparam ADD = 4'd0, SUB = 4'd1, SLL = 4'd2, SLT = 4'd3, SLTU = 4'd4,
               XOR = 4'd5, SRL = 4'd6, SRA = 4'd7, OR = 4'd8, AND = 4'd9;

    // funct3 -> ALU op for OP/OP-IMM; funct7[5] picks SUB/SRA.
    reg [3:0] op_from_f3;
    always @* begin
        case (funct3)
            3'd0: op_from_f3 = ADD;
            3'd1: op_from_f3 = SLL;
            3'd2: op_from_f3 = SLT;
            3'd3: op_from_f3 = SLTU;
            3'd4: op_from_f3 = XOR;
            3'd5: op_from_f3 = funct7[5] ? SRA : SRL;
            3'd6: op_from_f3 = OR;
            default: op_from_f3 = AND;
        endcase
    end

    always @* begin
        imm = imm_i;
        uses_rs1 = 1'b0; uses_rs2 = 1'b0; rd_we = 1'b0;
        alu_op = ADD; a_is_pc = 1'b0; a_is_zero = 1'b0; b_is_imm = 1'b1;
        is_branch = 1'b0; is_jal = 1'b0; is_jalr = 1'b0;
        is_load = 1'b0; is_store = 1'b0; is_muldiv = 1'b0; is_csr = 1'b0;
        is_ecall = 1'b0; is_ebreak = 1'b0; is_mret = 1'b0; is_wfi = 1'b0;
        is_fence_i = 1'b0; is_sret = 1'b0; is_sfence = 1'b0;
        is_lr = 1'b0; is_sc = 1'b0; is_amo = 1'b0; illegal = 1'b0;
        case (opcode)
            7'b0110111: begin imm = imm_u; a_is_zero = 1'b1; rd_we = 1'b1; end // lui
            7'b0010111: begin imm = imm_u; a_is_pc = 1'b1; rd_we = 1'b1; end   // auipc
            7'b1101111: begin imm = imm_j; is_jal = 1'b1; rd_we = 1'b1; end    // jal
            7'b1100111: begin                                                   // jalr
                is_jalr = 1'b1; rd_we = 1'b1; uses_rs1 = 1'b1;
                illegal = funct3 != 3'd0;
            end
            7'b1100011: begin                                                   // branches
                imm = imm_b; is_branch = 1'b1; uses_rs1 = 1'b1; uses_rs2 = 1'b1;
                illegal = funct3 == 3'd2 || funct3 == 3'd3;
            end
            7'b0000011: begin                                                   // loads
                is_load = 1'b1; rd_we = 1'b1; uses_rs1 = 1'b1;
                illegal = funct3 == 3'd3 || funct3 == 3'd6 || funct3 == 3'd7;
            end
            7'b0100011: begin                                                   // stores
                imm = imm_s; is_store = 1'b1; uses_rs1 = 1'b1; uses_rs2 = 1'b1;
                illegal = funct3 > 3'd2;
            end
            7'b0010011: begin                                                   // OP-IMM
                rd_we = 1'b1; uses_rs1 = 1'b1;
                alu_op = op_from_f3;    // funct3 0 is always ADD: there is no subi
                illegal = (funct3 == 3'd1 && funct7 != 7'd0) ||
                          (funct3 == 3'd5 && funct7 != 7'd0 && funct7 != 7'b0100000);
            end
            7'b0110011: begin                                                   // OP / M
                rd_we = 1'b1; uses_rs1 = 1'b1; uses_rs2 = 1'b1; b_is_imm = 1'b0;
                if (funct7 == 7'b0000001) is_muldiv = 1'b1;
                else if (funct7 == 7'd0) alu_op = op_from_f3;
                else if (funct7 == 7'b0100000 && (funct3 == 3'd0 || funct3 == 3'd5))
                    alu_op = (funct3 == 3'd0) ? SUB : SRA;   // op_from_f3 gives SRA
                else illegal = 1'b1;
            end
            7'b0001111: begin                                                   // fence, fence.i
                is_fence_i = funct3 == 3'd1;
                illegal = funct3 > 3'd1;
            end
            7'b0101111: begin                                                   // A
                // The address is rs1 itself; the ALU passes it through (+0).
                imm = 32'd0; rd_we = 1'b1; uses_rs1 = 1'b1; uses_rs2 = insn[31:27] != 5'b00010;
                case (insn[31:27])
                    5'b00010: begin is_lr = 1'b1; is_load = 1'b1; end
                    5'b00011: begin is_sc = 1'b1; is_store = 1'b1; end
                    5'b00000, 5'b00001, 5'b00100, 5'b01000, 5'b01100,
                    5'b10000, 5'b10100, 5'b11000, 5'b11100: begin is_amo = 1'b1; is_store = 1'b1; end
                    default: illegal = 1'b1;
                endcase
                if (funct3 != 3'd2 || (is_lr && rs2 != 5'd0)) illegal = 1'b1;
            end
            7'b1110011: begin                                                   // SYSTEM
                if (funct3 == 3'd0) begin
                    if (insn[31:7] == 25'h0) is_ecall = 1'b1;
                    else if (insn[31:7] == 25'h2000) is_ebreak = 1'b1;
                    else if (insn[31:7] == {12'h302, 13'h0}) is_mret = 1'b1;
                    else if (insn[31:7] == {12'h105, 13'h0}) is_wfi = 1'b1;
                    else if (insn[31:7] == {12'h102, 13'h0}) is_sret = 1'b1;
                    else if (funct7 == 7'b0001001 && rd == 5'd0) begin
                        is_sfence = 1'b1; uses_rs1 = 1'b1; uses_rs2 = 1'b1;
                    end
                    else illegal = 1'b1;
                end else if (funct3 == 3'd4) begin
                    illegal = 1'b1;
                end else begin
                    is_csr = 1'b1; rd_we = 1'b1;
                    uses_rs1 = !funct3[2];
                end
            end
            default: illegal = 1'b1;
        endcase
    end
endmodule
