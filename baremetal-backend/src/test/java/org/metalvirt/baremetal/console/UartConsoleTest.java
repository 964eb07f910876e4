package org.metalvirt.baremetal.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.ConsoleAccess;

/**
 * The card's UART as the console: a pty pair made by socat stands for the wire between the card's
 * tty and the server's serial port. Bytes pass unchanged both ways (raw mode: no echo, no CR/LF
 * translation), and closing the session leaves no socat.
 */
class UartConsoleTest {

    @TempDir
    Path dir;

    private Process wire;
    private Path card;
    private Path server;

    @BeforeEach
    void wire() throws IOException {
        card = dir.resolve("ttyCARD");
        server = dir.resolve("ttySERVER");
        wire = new ProcessBuilder("socat", "PTY,link=" + card + ",raw,echo=0", "PTY,link=" + server + ",raw,echo=0")
                .redirectErrorStream(true)
                .start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(card) && Files.exists(server));
    }

    @AfterEach
    void unwire() throws InterruptedException {
        wire.destroy();
        wire.waitFor();
    }

    @Test
    void bytesPassUnchangedBothWaysAndTheSessionLeavesNothingBehind() throws IOException {
        UartConsole uart = new UartConsole("n1", card.toString(), 115200);
        try (ConsoleAccess.Session session = uart.open();
                InputStream fromCard = Files.newInputStream(server);
                OutputStream toCard = Files.newOutputStream(server)) {
            ConsoleReader output = ConsoleReader.of(session);
            session.input().write("root\r".getBytes(StandardCharsets.US_ASCII));
            session.input().flush();
            byte[] got = fromCard.readNBytes(5);
            assertEquals("root\r", new String(got, StandardCharsets.US_ASCII));

            toCard.write("Password: \r\n".getBytes(StandardCharsets.US_ASCII));
            toCard.flush();
            output.awaitText("Password: \r\n");
        }
        assertEquals(
                List.of(),
                ConsoleReader.helpers().stream()
                        .filter(line -> !line.contains("link=" + card))
                        .toList());
    }

    @Test
    void aMissingDeviceIsRefusedAtOpen() {
        VirtException e = assertThrows(
                VirtException.class,
                () -> new UartConsole("n1", dir.resolve("ttyNONE").toString(), 9600).open());
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
        assertTrue(e.getMessage().contains("no device"), e.getMessage());
    }
}
