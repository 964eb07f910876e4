package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.metalvirt.shim.testing.RunningDaemon;

/** libvirt-java (what CloudStack uses), through JNA and Debian's libvirt0, against a running daemon. */
class LibvirtJavaTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Test
    void cloudStacksHostCallsOverTcp() throws LibvirtException {
        Connect connect = new Connect(DAEMON.tcpUri("qemu"));
        try {
            assertEquals("QEMU", connect.getType());
            assertEquals(7_002_000L, connect.getVersion());
            assertEquals(9_000_000L, connect.getLibVersion());
            assertEquals("card-7", connect.getHostName());
            assertTrue(connect.getCapabilities().contains("<cells num='2'>"));
            NodeInfo info = connect.nodeInfo();
            assertEquals("x86_64", info.model);
            assertEquals(16L * 1024 * 1024, info.memory);
            assertEquals(16, info.cpus);
            assertEquals(2100, info.mhz);
            assertEquals(2, info.nodes);
            assertEquals(1, info.sockets);
            assertEquals(4, info.cores);
            assertEquals(2, info.threads);
            assertEquals(16, connect.getMaxVcpus(null));
        } finally {
            assertEquals(0, connect.close());
        }
    }

    @Test
    void readOnlyOverTheReadOnlySocket() throws LibvirtException {
        Connect connect = new Connect(DAEMON.unixUri("baremetal", true), true);
        try {
            assertEquals("BAREMETAL", connect.getType());
            assertEquals(1, connect.isSecure());
            assertEquals(16L * 1024 * 1024 * 1024, connect.getFreeMemory());
        } finally {
            connect.close();
        }
    }
}
