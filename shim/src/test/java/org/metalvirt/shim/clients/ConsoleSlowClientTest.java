package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_OPEN_CONSOLE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.protocol.Domain.OpenConsoleArgs;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.testing.RawClient;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;
import org.metalvirt.shim.wire.MessageStatus;

/**
 * A console client that types and never reads what comes back: the console's output it leaves
 * unread is bounded, then its stream is dropped and the console is free for the next client,
 * while other connections are answered throughout.
 */
class ConsoleSlowClientTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @TempDir
    Path dir;

    @Test
    void aClientThatNeverReadsLosesItsConsoleAndNobodyElseWaits() throws Exception {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        virsh.ok("start", "web-1");
        RemoteDomain web1 = new RemoteDomain(
                "web-1", DAEMON.daemon().domains().lookupByName("web-1").uuid(), -1);
        AtomicBoolean typing = new AtomicBoolean(true);
        try (RawClient stalled = RawClient.open(DAEMON.tcpPort(), 2048)) {
            stalled.call(DOMAIN_OPEN_CONSOLE, new OpenConsoleArgs(web1, Optional.empty(), 0));
            int console = stalled.lastSerial();
            // No CR: the server echoes every byte, so each typed byte is a byte of output unread.
            byte[] keys = new byte[16384];
            Arrays.fill(keys, (byte) 'x');
            Thread typist = new Thread(() -> {
                while (typing.get()) {
                    stalled.stream(DOMAIN_OPEN_CONSOLE, console, MessageStatus.CONTINUE, keys);
                }
            });
            typist.setDaemon(true);
            typist.start();

            // The console is given up: another client opens it without forcing.
            try (RawClient next = RawClient.open(DAEMON.tcpPort(), 0)) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptionsInstanceOf(AssertionError.class)
                        .until(() -> {
                            assertEquals("running", virsh.ok("domstate", "web-1"));
                            next.call(DOMAIN_OPEN_CONSOLE, new OpenConsoleArgs(web1, Optional.empty(), 0));
                            return true;
                        });
            }
            typing.set(false);
        }
        virsh.ok("destroy", "web-1");
        virsh.ok("undefine", "web-1");
    }
}
