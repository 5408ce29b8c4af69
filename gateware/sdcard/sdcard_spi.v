// SPI-mode SD card controller. Software runs the protocol one operation at a
// time (send clocks, send a command, read a block, write a block, stop); the
// hardware does the byte timing, CRC7/CRC16, response polling and timeouts.
// Registers (word offsets of a LiteX CSR-bus page, read data one cycle late):
// docs/sd-image.md "SD controller registers".
module sdcard_spi (
    input clk, input rst,
    input [8:0] adr, input we, input [31:0] dat_w, output [31:0] dat_r,
    output reg sck, output reg mosi, input miso, output cs_n, output irq
);
    localparam OP_CLOCKS = 1, OP_CMD = 2, OP_READ = 3, OP_WRITE = 4, OP_WRITE_MULTI = 5, OP_STOP = 6;
    localparam P_CLK = 0, P_CMD = 1, P_R1 = 2, P_RESP = 3, P_BUSY = 4, P_TOKEN = 5, P_RDATA = 6,
               P_WRITE = 7, P_STOP = 8;

    reg [15:0] clkdiv, divcnt;
    reg [23:0] timeout;
    reg [9:0] cmd;                  // [5:0] index, [8] R3/R7 (4 more bytes), [9] R1b (busy)
    reg [31:0] arg, resp;
    reg [7:0] r1, tx, rx;
    reg select, irq_en, busy, err_timeout, err_crc, err_data, multi;
    reg [3:0] phase;
    reg [23:0] cnt;                 // bytes into the current phase
    reg shifting, crc_on;
    reg [2:0] bitn;
    reg [15:0] crc16;
    reg [6:0] crc7;
    reg [31:0] mem [0:127];         // the 512-byte buffer: byte i in bits 8*(i%4) of word i/4
    reg [31:0] rd_word, reg_q;
    reg buf_q;

    assign cs_n = !select || (busy && phase == P_CLK);
    assign irq = irq_en && !busy;

    // One write port and one read port, so the buffer maps to a block RAM. The
    // sequencer owns the read port while busy; the bus, when idle.
    wire [8:0] at = phase == P_RDATA ? cnt[8:0] - 9'd1 : cnt[8:0] - 9'd2;   // buffer byte of this step
    wire bus_buf = we && adr[8:7] == 2'b01;
    wire fill = busy && !shifting && phase == P_RDATA && cnt >= 1 && cnt <= 512;
    wire [6:0] wa = bus_buf ? adr[6:0] : at[8:2];
    wire [31:0] wd = bus_buf ? dat_w : {4{rx}};
    wire [3:0] be = bus_buf ? 4'hF : fill ? 4'b0001 << at[1:0] : 4'h0;
    wire [7:0] buf_byte = rd_word >> {at[1:0], 3'b000};
    assign dat_r = buf_q ? rd_word : reg_q;
    always @(posedge clk) begin
        if (be[0]) mem[wa][7:0] <= wd[7:0];
        if (be[1]) mem[wa][15:8] <= wd[15:8];
        if (be[2]) mem[wa][23:16] <= wd[23:16];
        if (be[3]) mem[wa][31:24] <= wd[31:24];
        rd_word <= mem[busy ? at[8:2] : adr[6:0]];
    end

    wire [7:0] cmd_byte = cnt == 1 ? {2'b01, cmd[5:0]} : cnt == 2 ? arg[31:24] : cnt == 3 ? arg[23:16] :
                          cnt == 4 ? arg[15:8] : cnt == 5 ? arg[7:0] : {crc7, 1'b1};
    wire crc_bit = phase == P_RDATA ? miso : tx[7];

    task send(input [7:0] b, input with_crc);
        begin tx <= b; mosi <= b[7]; shifting <= 1; bitn <= 0; divcnt <= 0; crc_on <= with_crc; cnt <= cnt + 1; end
    endtask
    task finish; busy <= 0; endtask
    task goto(input [3:0] p); begin phase <= p; cnt <= 0; end endtask

    always @(posedge clk) begin
        buf_q <= adr[8:7] == 2'b01;
        reg_q <= adr == 0 ? {28'd0, err_data, err_crc, err_timeout, busy} : adr == 1 ? {22'd0, cmd} :
                 adr == 2 ? arg : adr == 3 ? {24'd0, r1} : adr == 4 ? resp : adr == 5 ? {16'd0, clkdiv} :
                 adr == 6 ? {8'd0, timeout} : adr == 7 ? {30'd0, irq_en, select} : 32'd0;
        if (we && adr == 1) cmd <= dat_w[9:0];
        if (we && adr == 2) arg <= dat_w;
        if (we && adr == 5) clkdiv <= dat_w[15:0];
        if (we && adr == 6) timeout <= dat_w[23:0];
        if (we && adr == 7) {irq_en, select} <= dat_w[1:0];
        if (we && adr == 0 && !busy && dat_w[2:0] >= OP_CLOCKS && dat_w[2:0] <= OP_STOP) begin
            busy <= 1; {err_timeout, err_crc, err_data} <= 0; cnt <= 0; crc7 <= 0; crc16 <= 0;
            multi <= dat_w[2:0] == OP_WRITE_MULTI;
            phase <= dat_w[2:0] == OP_CLOCKS ? P_CLK : dat_w[2:0] == OP_CMD ? P_CMD :
                     dat_w[2:0] == OP_READ ? P_TOKEN : dat_w[2:0] == OP_STOP ? P_STOP : P_WRITE;
        end else if (shifting) begin            // SPI mode 0: sample on the rising edge
            divcnt <= divcnt == clkdiv ? 16'd0 : divcnt + 16'd1;
            if (divcnt == clkdiv && !sck) begin
                sck <= 1;
                rx <= {rx[6:0], miso};
                if (crc_on) crc16 <= {crc16[14:0], 1'b0} ^ (crc16[15] ^ crc_bit ? 16'h1021 : 16'h0);
                if (crc_on && phase == P_CMD) crc7 <= {crc7[5:0], 1'b0} ^ (crc7[6] ^ tx[7] ? 7'h09 : 7'h0);
            end else if (divcnt == clkdiv) begin
                sck <= 0;
                tx <= {tx[6:0], 1'b1};
                mosi <= tx[6];
                if (bitn == 7) begin shifting <= 0; mosi <= 1; end
                bitn <= bitn + 1;
            end
        end else if (busy) begin                // the last byte is done: pick the next one
            case (phase)
            P_CLK: if (cnt == 10) finish; else send(8'hFF, 0);
            P_CMD: if (cnt == 7) goto(P_R1); else send(cnt == 0 ? 8'hFF : cmd_byte, cnt >= 1 && cnt <= 5);
            P_R1: if (cnt > (cmd[9] ? 1 : 0) && !rx[7]) begin
                      r1 <= rx;
                      if (cmd[8]) goto(P_RESP); else if (cmd[9]) goto(P_BUSY); else finish;
                  end else if (cnt == 17) begin err_timeout <= 1; finish; end
                  else send(8'hFF, 0);
            P_RESP: begin
                      if (cnt > 0) resp <= {resp[23:0], rx};
                      if (cnt == 4) finish; else send(8'hFF, 0);
                  end
            P_BUSY: if (cnt > 0 && rx == 8'hFF) finish;
                  else if (cnt == timeout) begin err_timeout <= 1; finish; end
                  else send(8'hFF, 0);
            P_TOKEN: if (cnt > 0 && rx == 8'hFE) goto(P_RDATA);
                  else if (cnt > 0 && rx != 8'hFF) begin r1 <= rx; err_data <= 1; finish; end
                  else if (cnt == timeout) begin err_timeout <= 1; finish; end
                  else send(8'hFF, 0);
            P_RDATA: begin
                      if (cnt == 514) begin err_crc <= crc16 != 0; finish; end   // CRC over data and CRC is 0
                      else send(8'hFF, 1);
                  end
            P_WRITE: if (cnt == 517) begin
                      r1 <= rx;
                      if (rx[4:0] != 5'b00101) begin err_data <= 1; finish; end else goto(P_BUSY);
                  end else send(cnt == 0 ? 8'hFF : cnt == 1 ? (multi ? 8'hFC : 8'hFE) :
                                cnt <= 513 ? buf_byte : cnt == 514 ? crc16[15:8] : cnt == 515 ? crc16[7:0] : 8'hFF,
                                cnt >= 2 && cnt <= 513);
            P_STOP: if (cnt == 2) goto(P_BUSY); else send(cnt == 0 ? 8'hFD : 8'hFF, 0);
            default: finish;
            endcase
        end
        if (rst) begin
            busy <= 0; shifting <= 0; sck <= 0; mosi <= 1; select <= 0; irq_en <= 0;
            clkdiv <= 16'd255; timeout <= 24'h100000; cmd <= 0; arg <= 0; r1 <= 8'hFF;
            {err_timeout, err_crc, err_data} <= 0;
        end
    end
endmodule
