package org.metalvirt.baremetal.ipmi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.metalvirt.baremetal.console.SocatSession;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.ConsoleAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's serial console over IPMI Serial-over-LAN: {@code ipmitool -I lanplus … sol activate}
 * under a pty (ipmitool wants a terminal), its password from a file or the environment as every
 * ipmitool run here. A BMC has one SOL payload: a session left active (by a daemon that died, or
 * another tool) is deactivated first, and every session is deactivated when it closes, so the
 * next one finds the payload free.
 */
public final class IpmiSolConsole implements ConsoleAccess {

    private static final Logger LOG = LoggerFactory.getLogger(IpmiSolConsole.class);

    private final String node;
    private final Ipmitool ipmitool;

    public IpmiSolConsole(String node, IpmiSettings settings, CommandRunner runner) {
        this.node = node;
        this.ipmitool = new Ipmitool(settings, runner);
    }

    @Override
    public Session open() {
        deactivate();
        Command activate = ipmitool.command(List.of("sol", "activate"));
        List<String> argv = new ArrayList<>(activate.argv());
        SocatSession socat =
                SocatSession.start("SOL of node " + node, SocatSession.execUnderPty(argv), activate.environment());
        Sol session = new Sol(socat);
        // ipmi_sim drops a session's first packet when its sequence number matches the last
        // session's: a CR, harmless at any prompt, takes that place.
        session.wake();
        return session;
    }

    /** Frees the BMC's SOL payload; "already de-activated" is what a free one answers. */
    private void deactivate() {
        try {
            ipmitool.run("sol", "deactivate");
        } catch (VirtException e) {
            LOG.debug("node {}: sol deactivate: {}", node, e.getMessage());
        }
    }

    private final class Sol implements Session {

        private final SocatSession socat;

        Sol(SocatSession socat) {
            this.socat = socat;
        }

        void wake() {
            try {
                socat.input().write("\r".getBytes(StandardCharsets.US_ASCII));
                socat.input().flush();
            } catch (IOException e) {
                LOG.debug("node {}: SOL ended at once: {}", node, e.getMessage());
            }
        }

        @Override
        public InputStream output() {
            return socat.output();
        }

        @Override
        public OutputStream input() {
            return socat.input();
        }

        @Override
        public void close() {
            socat.close();
            deactivate();
        }
    }
}
