package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * On {@code simboard} the real SR-IOV driver reads the card's neighbour table through its command
 * seam for {@code domifaddr --source arp}: the simulated NIC's is empty, so no address, and no error.
 */
class VirshGuestAddressesOnSimboardTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RunningDaemon::simboard);

    @TempDir
    Path dir;

    @Test
    void arpAddressesComeFromTheCardsNeighbourTable() {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        virsh.ok("attach-device", "web-1", Resources.file(dir, "domains/vf.xml").toString(), "--config");
        virsh.ok("start", "web-1");

        List<String> table = virsh.ok("domifaddr", "--source", "arp", "web-1")
                .lines()
                .map(String::strip)
                .toList();

        assertEquals(2, table.size(), table::toString);
        assertEquals("Name       MAC address          Protocol     Address", table.get(0));
        virsh.ok("destroy", "web-1");
        virsh.ok("undefine", "web-1");
    }
}
