// The walker with the memory map the tests use: a read-only ROM at 0 (32 KiB)
// and RAM at 0x4000_0000 (RAM_BYTES); mem_ok_addr says where PTEs may be
// read, and for the A/D write-back where they may be written.
module tb_ptw #(
    parameter [31:0] RAM_BYTES = 32'h1_0000
) (
    input  wire        clk, rst, start,
    input  wire [31:0] vaddr,
    input  wire [1:0]  acc, priv,
    input  wire        sum, mxr,
    input  wire [21:0] satp_ppn,
    output wire        done, page_fault, access_fault,
    output wire [19:0] fill_vpn,
    output wire [21:0] fill_pte_ppn,
    output wire [7:0]  fill_flags,
    output wire        fill_super,
    output wire        mem_req, mem_we,
    output wire [31:0] mem_addr, mem_wdata,
    input  wire [31:0] mem_rdata,
    input  wire        mem_ack, mem_err
);
    wire rom = mem_addr < 32'h8000;
    wire ram = mem_addr - 32'h4000_0000 < RAM_BYTES;
    wire ok = ram || (rom && !mem_we);
    b2g_ptw walker (.clk(clk), .rst(rst), .start(start), .vaddr(vaddr), .acc(acc), .priv(priv),
                    .sum(sum), .mxr(mxr), .satp_ppn(satp_ppn), .done(done),
                    .page_fault(page_fault), .access_fault(access_fault),
                    .fill_vpn(fill_vpn), .fill_pte_ppn(fill_pte_ppn), .fill_flags(fill_flags),
                    .fill_super(fill_super), .mem_req(mem_req), .mem_we(mem_we),
                    .mem_addr(mem_addr), .mem_wdata(mem_wdata), .mem_rdata(mem_rdata),
                    .mem_ack(mem_ack), .mem_err(mem_err), .mem_ok_addr(ok));
endmodule
