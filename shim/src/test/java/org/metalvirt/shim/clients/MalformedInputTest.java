package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Wire;

/** Over real sockets: a client that breaks the protocol loses its own connection, nobody else's. */
class MalformedInputTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Test
    void garbageClosesOnlyTheConnectionThatSentIt() throws IOException {
        try (Socket good = connect();
                Socket bad = connect()) {
            long before = DAEMON.daemon().stats().malformed();
            new DataOutputStream(bad.getOutputStream()).write(new byte[] {(byte) 0xff, 0, 0, 0, 1, 2, 3, 4});

            assertEquals(-1, readUntilClosed(bad));
            assertEquals(before + 1, DAEMON.daemon().stats().malformed());

            DataOutputStream out = new DataOutputStream(good.getOutputStream());
            out.write(Wire.bytes(Wire.call(RemoteProcedures.AUTH_LIST, 0, null)));
            DataInputStream in = new DataInputStream(good.getInputStream());
            assertEquals(36, in.readInt());
        }
        Command.run(Duration.ofSeconds(30), "virsh", "-c", DAEMON.tcpUri("baremetal"), "hostname")
                .assertSuccess();
    }

    @Test
    void aTruncatedPacketFollowedByAHangUpLeavesTheDaemonServing() throws IOException {
        try (Socket vanishing = connect()) {
            new DataOutputStream(vanishing.getOutputStream()).write(new byte[] {0, 0, 0, 100, 0x20, 0, (byte) 0x80});
        }
        String out = Command.run(Duration.ofSeconds(30), "virsh", "-c", DAEMON.tcpUri("baremetal"), "hostname")
                .assertSuccess()
                .stdout();
        assertTrue(out.contains("card-7"));
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", DAEMON.tcpPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Reads until the daemon closes the connection; -1 then, as a closed socket reports. */
    private static int readUntilClosed(Socket socket) throws IOException {
        try {
            int read;
            do {
                read = socket.getInputStream().read();
            } while (read != -1);
            return read;
        } catch (SocketException reset) {
            return -1;
        }
    }
}
