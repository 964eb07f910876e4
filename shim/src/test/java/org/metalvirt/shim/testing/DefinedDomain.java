package org.metalvirt.shim.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code domains/web-1.xml} defined through virsh before each test (and started, if asked) and
 * gone after it, whatever state the test left it in: the set-up most client tests share.
 */
public final class DefinedDomain implements BeforeEachCallback, AfterEachCallback {

    public static final String NAME = "web-1";

    private final RunningDaemon daemon;
    private final boolean start;
    private Virsh virsh;

    private DefinedDomain(RunningDaemon daemon, boolean start) {
        this.daemon = daemon;
        this.start = start;
    }

    /** web-1 defined, shut off. */
    public static DefinedDomain defined(RunningDaemon daemon) {
        return new DefinedDomain(daemon, false);
    }

    /** web-1 defined and running. */
    public static DefinedDomain running(RunningDaemon daemon) {
        return new DefinedDomain(daemon, true);
    }

    /** virsh on the daemon's TCP socket, as the domain was defined. */
    public Virsh virsh() {
        return virsh;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        virsh = new Virsh(daemon.tcpUri("qemu"));
        Path dir = Files.createTempDirectory("web-1");
        Path xml = Resources.file(dir, "domains/web-1.xml");
        try {
            virsh.ok("define", xml.toString());
        } finally {
            Files.delete(xml);
            Files.delete(dir);
        }
        if (start) {
            virsh.ok("start", NAME);
        }
    }

    /** Tests may have stopped or undefined it themselves. */
    @Override
    public void afterEach(ExtensionContext context) {
        Command.Result state = virsh.run("domstate", NAME);
        if (state.exitCode() != 0) {
            return;
        }
        if (!state.stdout().strip().equals("shut off")) {
            virsh.ok("destroy", NAME);
        }
        virsh.ok("undefine", NAME);
    }
}
