package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.metalvirt.node.PowerState;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;

/** libvirt-java driving a transient domain the way CloudStack's KVM agent does. */
class CloudStackSequenceTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Test
    void transientStartRebootShutdownAndDestroy() throws Exception {
        Connect connect = new Connect(DAEMON.tcpUri("qemu"));
        try {
            String xml = Resources.text("domains/web-1.xml");
            Domain domain = connect.domainCreateXML(xml, 0);
            assertEquals(DomainInfo.DomainState.VIR_DOMAIN_RUNNING, domain.getInfo().state);
            assertEquals(0, domain.isPersistent());
            assertArrayEquals(new int[] {domain.getID()}, connect.listDomains());
            assertEquals(1, connect.numOfDomains());

            domain.reboot(1);
            assertEquals(DomainInfo.DomainState.VIR_DOMAIN_RUNNING, domain.getInfo().state);

            domain.shutdown();
            awaitGone(connect, "web-1");
            assertEquals(PowerState.OFF, DAEMON.power("node0"));
            assertEquals(0, connect.listDomains().length);

            Domain again = connect.domainCreateXML(xml, 0);
            assertTrue(again.getID() > domain.getID());
            again.destroy();
            assertEquals(0, connect.numOfDomains());
            LibvirtException gone = assertThrows(LibvirtException.class, () -> connect.domainLookupByName("web-1"));
            assertTrue(gone.getMessage().contains("no domain with matching name 'web-1'"), gone.getMessage());
        } finally {
            connect.close();
        }
    }

    /** A transient domain disappears once its server is off; CloudStack polls for that. */
    private static void awaitGone(Connect connect, String name) {
        await(name + " gone").atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                connect.domainLookupByName(name);
                return false;
            } catch (LibvirtException e) {
                return true;
            }
        });
    }
}
