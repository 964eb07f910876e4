package org.metalvirt.baremetal.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.metalvirt.error.Failures;
import org.metalvirt.node.ConsoleAccess;

/**
 * The card's UART wired to the server's serial port: a tty device on the card ({@code /dev/ttyS1},
 * {@code /dev/ttyUSB0}), set to raw mode at the node's baud rate each time a session opens, so that
 * what the server prints and what the client types pass unchanged.
 */
public final class UartConsole implements ConsoleAccess {

    private final String node;
    private final String device;
    private final int baud;

    public UartConsole(String node, String device, int baud) {
        this.node = node;
        this.device = device;
        this.baud = baud;
    }

    @Override
    public Session open() {
        if (!Files.exists(Path.of(device))) {
            throw Failures.failed("the console of node " + node + " is not available: no device " + device);
        }
        return SocatSession.start("UART " + device + " of node " + node, SocatSession.rawTty(device, baud), Map.of());
    }
}
