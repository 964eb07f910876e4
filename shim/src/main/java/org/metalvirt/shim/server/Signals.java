package org.metalvirt.shim.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's signals, as libvirtd's: SIGHUP reloads, SIGTERM and SIGINT stop. The JDK has no
 * public signal API; {@code sun.misc.Signal} in the {@code jdk.unsupported} module is the one
 * JEP 260 keeps for this, named here (not imported) so that this class stays the only use of it.
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
    /** Signal n is bit n-1 of the kernel's masks; SIGHUP is 1. */
    private static final long SIGHUP_BIT = 1L;

    private Signals() {}

    static void onHangup(Runnable action) {
        if (ignoredAtStart()) {
            // A signal ignored at exec (nohup) stays ignored: the JVM does not take it over.
            LOG.warn("SIGHUP is ignored by this process (started under nohup?): reload TLS files with "
                    + "virt-admin srv-update-tls libvirtd");
        }
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
    }

    /**
     * SIGTERM and SIGINT: the shutdown hooks' clean stop, then exit status 0, as libvirtd's. The
     * JVM's own handlers exit 128 + the signal's number after the same hooks, which a service
     * manager counts as a failure. One ignored at exec stays ignored (the JVM leaves it so).
     */
    static void exitZeroOnStop() {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> System.exit(0));
        }
    }

    /** Whether the kernel says SIGHUP is ignored ({@code SigIgn} of /proc/self/status). */
    private static boolean ignoredAtStart() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("SigIgn:"))
                    .map(line -> Long.parseUnsignedLong(
                            line.substring("SigIgn:".length()).strip(), 16))
                    .anyMatch(mask -> (mask & SIGHUP_BIT) != 0);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
