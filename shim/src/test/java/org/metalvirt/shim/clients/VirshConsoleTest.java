package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.DefinedDomain;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.VirshConsole;

/**
 * {@code virsh console} under a real terminal against the simulated server, whose serial port
 * prints a boot banner and answers each typed line: one client at a time, {@code --force} taking
 * the console over, the stream ending when the server powers off, consoles refused read-only.
 */
class VirshConsoleTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @RegisterExtension
    final DefinedDomain web = DefinedDomain.running(DAEMON);

    @Test
    void aTypedLineIsAnsweredAndTheEscapeEndsTheConsoleCleanly() {
        try (VirshConsole console = VirshConsole.open(DAEMON.tcpUri("qemu"), "web-1")) {
            assertTrue(console.output().contains("Connected to domain 'web-1'"), console.output());
            console.type("hello\r");
            console.awaitOutput("sim: node0 got hello");

            console.type(VirshConsole.ESCAPE);

            assertEquals(0, console.awaitExit(), console.output());
        }
        // The console is free again: a new client gets it without forcing.
        try (VirshConsole again = VirshConsole.open(DAEMON.tcpUri("qemu"), "web-1", "--devname", "serial0")) {
            again.type("again\r");
            again.awaitOutput("sim: node0 got again");
        }
    }

    @Test
    void theBootBannerReachesAConsoleOpenedBeforeTheServerComesOn() {
        web.virsh().ok("destroy", "web-1");
        web.virsh().ok("start", "web-1", "--paused");
        try (VirshConsole console = VirshConsole.open(DAEMON.tcpUri("qemu"), "web-1")) {
            web.virsh().ok("resume", "web-1");

            console.awaitOutput("Booting node0 ...");
            console.awaitOutput("node0 login: ");
        }
    }

    @Test
    void aSecondClientIsRefusedAndForceTakesTheConsoleOver() {
        try (VirshConsole first = VirshConsole.open(DAEMON.tcpUri("qemu"), "web-1")) {
            first.type("one\r");
            first.awaitOutput("got one");

            try (VirshConsole refused = VirshConsole.start(DAEMON.tcpUri("qemu"), "web-1")) {
                assertEquals(1, refused.awaitExit(), refused.output());
                assertTrue(
                        refused.output().contains("Active console session exists for this domain"), refused.output());
            }

            try (VirshConsole second = VirshConsole.open(DAEMON.tcpUri("qemu"), "web-1", "--force")) {
                assertEquals(1, first.awaitExit(), first.output());
                assertTrue(first.output().contains("error: stream had I/O failure"), first.output());
                second.type("two\r");
                second.awaitOutput("sim: node0 got two");
            }
        }
    }

    @Test
    void powerOffEndsTheStreamAndVirshExitsCleanly() {
        try (VirshConsole console = VirshConsole.open(DAEMON.tcpUri("qemu"), "web-1")) {
            web.virsh().ok("destroy", "web-1");

            assertEquals(0, console.awaitExit(), console.output());
        }
    }

    @Test
    void consolesAreRefusedOnAReadOnlyConnectionAndOnAShutOffDomain() {
        try (VirshConsole readOnly = VirshConsole.start(DAEMON.unixUri("qemu", true), "web-1")) {
            assertEquals(1, readOnly.awaitExit(), readOnly.output());
            assertTrue(readOnly.output().contains("read only access prevents virDomainOpenConsole"), readOnly.output());
        }
        web.virsh().ok("destroy", "web-1");
        try (VirshConsole off = VirshConsole.start(DAEMON.tcpUri("qemu"), "web-1")) {
            assertEquals(1, off.awaitExit(), off.output());
            assertTrue(off.output().contains("The domain is not running"), off.output());
        }
    }

    @Test
    void theLiveXmlShowsTheSerialPortWithItsAlias() {
        String xml = web.virsh().ok("dumpxml", "web-1");
        assertTrue(xml.matches("(?s).*<serial type=.pty.>.*<alias name=.serial0./>.*</serial>.*"), xml);
    }
}
