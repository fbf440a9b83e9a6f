package org.hvsim.core.platform.uart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.hvsim.core.platform.PlatformConfig;
import org.hvsim.core.platform.RecordingLine;
import org.hvsim.core.platform.SimulatedTime;
import org.junit.jupiter.api.Test;

class Uart16550Test {
    private static final int B = 0x3F8;
    private final SimulatedTime time = new SimulatedTime();
    private final RecordingLine irq = new RecordingLine();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Uart16550 uart = new Uart16550(B, PlatformConfig.defaults(), time, irq, out);

    private void outb(int offset, int v) {
        uart.out(B + offset, 1, v);
    }

    private int inb(int offset) {
        return uart.in(B + offset, 1);
    }

    @Test
    void transmittedBytesReachTheConsoleAfterFlush() {
        for (byte b : "hi\nthere".getBytes(StandardCharsets.US_ASCII)) {
            outb(0, b);
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("hi\n"); // newline flushes
        uart.flush();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("hi\nthere");
        assertThat(uart.console().totalBytes()).isEqualTo(8);
    }

    @Test
    void lineStatusAlwaysReportsTransmitterEmpty() {
        assertThat(inb(5)).isEqualTo(0x60);
        outb(0, 'x');
        assertThat(inb(5) & 0x60).isEqualTo(0x60);
    }

    @Test
    void dlabSwitchesOffsetsZeroAndOneToTheDivisorLatch() {
        // The classic init: IER=0, DLAB=1, divisor 3 (38400 baud), 8N1.
        outb(1, 0x00);
        outb(3, 0x80);
        outb(0, 0x03);
        outb(1, 0x00);
        outb(3, 0x03);
        assertThat(uart.divisor()).isEqualTo(3);
        assertThat(inb(3)).isEqualTo(0x03);
        assertThat(inb(1)).isEqualTo(0x00); // IER again, not DLM
        outb(3, 0x80);
        assertThat(inb(0)).isEqualTo(0x03);
        assertThat(inb(1)).isEqualTo(0x00);
        outb(3, 0x03);
        assertThat(out.size()).isZero(); // divisor writes are not transmitted
        uart.flush();
        assertThat(out.size()).isZero();
    }

    @Test
    void scratchRegisterHoldsAByte() {
        outb(7, 0x5A);
        assertThat(inb(7)).isEqualTo(0x5A);
    }

    @Test
    void loopbackEchoesTransmittedBytesIntoTheReceiverAndWiresModemLines() {
        // OSDev's probe: MCR = 0x1E (loopback, OUT1, OUT2, RTS), send 0xAE, read it back.
        outb(4, 0x1E);
        outb(0, 0xAE);
        assertThat(inb(5) & 0x01).isEqualTo(1);
        assertThat(inb(0)).isEqualTo(0xAE);
        assertThat(inb(6) & 0xF0).isEqualTo(0xD0); // DCD (OUT2), RI (OUT1), CTS (RTS)
        outb(4, 0x0F);
        uart.flush();
        assertThat(out.size()).isZero();
        assertThat(inb(6) & 0xF0).isEqualTo(0xB0); // DCD, DSR, CTS outside loopback
    }

    @Test
    void threInterruptIsRaisedOnEnableAndClearedByReadingIir() {
        assertThat(inb(2)).isEqualTo(0x01);
        outb(1, 0x02); // ETBEI
        assertThat(irq.level).isTrue();
        assertThat(inb(2)).isEqualTo(0x02);
        assertThat(irq.level).isFalse();
        assertThat(inb(2)).isEqualTo(0x01);
        // Each transmitted byte empties THR again: a fresh edge per byte.
        int edges = irq.risingEdges;
        outb(0, 'a');
        outb(0, 'b');
        assertThat(irq.risingEdges).isEqualTo(edges + 2);
    }

    @Test
    void receivedDataRaisesRdaUntilRead() {
        outb(1, 0x01); // ERBFI
        uart.receive('k');
        assertThat(irq.level).isTrue();
        assertThat(inb(2)).isEqualTo(0x04);
        assertThat(inb(5) & 0x01).isEqualTo(1);
        assertThat(inb(0)).isEqualTo('k');
        assertThat(irq.level).isFalse();
        assertThat(inb(5) & 0x01).isZero();
    }

    @Test
    void rdaOutranksThre() {
        outb(1, 0x03);
        uart.receive('z');
        assertThat(inb(2)).isEqualTo(0x04);
        inb(0);
        assertThat(inb(2)).isEqualTo(0x02);
    }

    @Test
    void fifoModeReportsFifoBitsAndTriggerLevel() {
        outb(2, 0xC7); // enable FIFO, clear, trigger level 14
        outb(1, 0x01);
        uart.receive('1');
        assertThat(inb(2)).isEqualTo(0xC0 | 0x0C); // below trigger: character timeout
        for (int i = 0; i < 13; i++) {
            uart.receive('x');
        }
        assertThat(inb(2)).isEqualTo(0xC0 | 0x04);
        assertThat(inb(0)).isEqualTo('1');
    }

    @Test
    void overrunInHoldingRegisterModeSetsOe() {
        uart.receive('a');
        uart.receive('b');
        assertThat(inb(5) & 0x02).isEqualTo(0x02);
        assertThat(inb(5) & 0x02).isZero(); // cleared by the read
        assertThat(inb(0)).isEqualTo('b');
    }

    @Test
    void attachedInputArrivesOneCharacterPerCharacterTime() {
        uart.attachInput(SerialInput.of(new byte[] {'o', 'k'}));
        // Divisor 1: 115200 baud, 10 bits = 160 reference clocks at 1.8432 MHz = 86.8 us.
        long charCycles = 260_417; // ceil(160 * 3e9 / 1843200)
        time.runDue(charCycles - 1);
        assertThat(inb(5) & 0x01).isZero();
        time.runDue(charCycles);
        assertThat(inb(5) & 0x01).isEqualTo(1);
        time.runDue(10 * charCycles);
        // Flow control: the second byte waits until the first is read.
        assertThat(inb(0)).isEqualTo('o');
        time.runDue(11 * charCycles);
        assertThat(inb(0)).isEqualTo('k');
        time.runDue(20 * charCycles);
        assertThat(time.pendingEvents()).isZero(); // end of script stops polling
    }

    @Test
    void nonBlockingHostStreamDeliversAvailableBytesAndStopsAtEnd() {
        uart.attachInput(SerialInput.nonBlocking(new ByteArrayInputStream(new byte[] {'q'})));
        time.runDue(260_417);
        assertThat(inb(0)).isEqualTo('q');
        time.runDue(10 * 260_417L);
        // available() == 0 is "nothing yet" for a host stream: polling continues.
        assertThat(time.pendingEvents()).isEqualTo(1);
    }
}
