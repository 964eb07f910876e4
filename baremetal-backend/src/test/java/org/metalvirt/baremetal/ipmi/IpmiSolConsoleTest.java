package org.metalvirt.baremetal.ipmi;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.console.ConsoleReader;
import org.metalvirt.baremetal.console.FakeSerialPort;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.baremetal.testing.IpmiSim;
import org.metalvirt.node.ConsoleAccess;

/**
 * Serial-over-LAN through the real ipmitool against OpenIPMI's ipmi_sim, whose SOL is bridged to
 * a TCP port standing for the server's serial line: bytes both ways, the payload freed at close
 * and no ipmitool or socat left behind, a second session after the first.
 */
class IpmiSolConsoleTest {

    private static final String PASSWORD = "sol-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    private FakeSerialPort serial;
    private IpmiSim bmc;
    private IpmiSolConsole console;

    @BeforeEach
    void start() throws IOException {
        serial = FakeSerialPort.start();
        // ipmi_sim is a TCP client of the serial port: it connects when it starts.
        bmc = IpmiSim.start(
                dir, "sol-test", PASSWORD, List.of("sol \"tcp:127.0.0.1:" + serial.port() + "\" 115200"), List.of());
        serial.awaitConnected();
        IpmiSettings settings = IpmiSettings.of(
                "127.0.0.1", bmc.port(), IpmiSim.USER, Optional.of(bmc.passwordFile()), Optional.empty());
        console = new IpmiSolConsole("n1", settings, new ExecCommandRunner());
    }

    @AfterEach
    void stop() throws IOException {
        bmc.close();
        serial.close();
    }

    @Test
    void bytesGoBothWaysAndNothingOutlivesTheSession() throws IOException {
        for (int round = 1; round <= 2; round++) {
            try (ConsoleAccess.Session session = console.open()) {
                ConsoleReader output = ConsoleReader.of(session);
                String word = "sol-round-" + round;
                // Typed until the line answers: ipmitool activates the payload a moment after it starts.
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            session.input().write((word + "\r").getBytes(StandardCharsets.US_ASCII));
                            session.input().flush();
                            return serial.received().contains(word);
                        });
                serial.send("TB-ECHO " + word + "\r\n");
                output.awaitText("TB-ECHO " + word);
            }
            assertEquals(List.of(), ConsoleReader.helpers(), "processes left after the session");
            assertTrue(bmc.ipmitool("sol", "info", "1").contains("Enabled"));
        }
        assertFalse(serial.received().isEmpty());
    }

    @Test
    void aSessionTheBmcRefusesEndsWithTheError() throws IOException {
        Path wrong = dir.resolve("wrong.pw");
        java.nio.file.Files.writeString(wrong, "not-the-password\n");
        IpmiSettings settings =
                IpmiSettings.of("127.0.0.1", bmc.port(), IpmiSim.USER, Optional.of(wrong), Optional.empty());
        try (ConsoleAccess.Session session = new IpmiSolConsole("n1", settings, new ExecCommandRunner()).open()) {
            ConsoleReader output = ConsoleReader.of(session);
            await().atMost(Duration.ofSeconds(60)).until(output::ended);
            assertTrue(output.failure() != null, "ended without an error: " + output.seen());
            assertTrue(
                    output.failure().getMessage().contains("ended with status"),
                    output.failure().getMessage());
        }
        assertEquals(List.of(), ConsoleReader.helpers(), "processes left after the session");
    }

    /**
     * What the daemon's death does to a session: the kernel closes the pipe to socat's stdin, and
     * socat, then ipmitool (hung up with the pty), end on their own, without {@code close()}.
     */
    @Test
    void theSessionsProcessesEndWhenTheDaemonsPipeCloses() throws IOException {
        ConsoleAccess.Session session = console.open();
        ConsoleReader output = ConsoleReader.of(session);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    session.input().write("alive\r".getBytes(StandardCharsets.US_ASCII));
                    session.input().flush();
                    return serial.received().contains("alive");
                });
        assertFalse(ConsoleReader.helpers().isEmpty());

        session.input().close();

        await("socat and ipmitool ending by themselves")
                .atMost(Duration.ofSeconds(30))
                .until(() -> ConsoleReader.helpers().isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(output::ended);
        session.close();
    }
}
