package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * virsh's node-device commands on {@code simboard}, whose simulated ConnectX-5 PF {@code sim0}
 * at 0000:5e:00.0 has eight VFs from 0000:5e:00.2 and whose card has eight virtio-blk functions
 * on bus 0x3b: what {@code nodedev-list} shows, each document valid against libvirt's own
 * schema, and what detach, re-attach and reset do to a VF free or in use.
 */
class VirshNodeDeviceTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RunningDaemon::simboard);

    private static final String SCHEMA = "/usr/share/libvirt/schemas/nodedev.rng";

    @TempDir
    Path dir;

    private final Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));

    @Test
    void theCapabilityFiltersListThePciFunctionsAndThePfsNetdev() {
        List<String> pci = virsh.ok("nodedev-list", "--cap", "pci").lines().toList();
        assertEquals(1 + 8 + 8, pci.size(), pci::toString);
        assertTrue(pci.containsAll(
                List.of("pci_0000_5e_00_0", "pci_0000_5e_00_2", "pci_0000_5e_01_1", "pci_0000_3b_00_0")));
        assertEquals("net_sim0_0c_42_a1_5e_00_00", virsh.ok("nodedev-list", "--cap", "net"));
        assertEquals("computer", virsh.ok("nodedev-list", "--cap", "system"));
        assertEquals("pci_0000_5e_00_0", virsh.ok("nodedev-list", "--cap", "vpd"));
        assertEquals("", virsh.ok("nodedev-list", "--cap", "usb_device"));
    }

    @Test
    void theTreeHangsEveryFunctionFromTheComputerAndTheNetdevFromItsPf() {
        List<String> tree = virsh.ok("nodedev-list", "--tree").lines().toList();
        assertEquals("computer", tree.get(0));
        assertTrue(tree.contains("  +- pci_0000_5e_00_0"), tree::toString);
        assertTrue(tree.stream().anyMatch(line -> line.endsWith("+- net_sim0_0c_42_a1_5e_00_00")), tree::toString);
        assertTrue(tree.indexOf("  +- pci_0000_5e_00_0")
                < tree.indexOf(tree.stream()
                        .filter(line -> line.endsWith("net_sim0_0c_42_a1_5e_00_00"))
                        .findFirst()
                        .orElseThrow()));
    }

    @Test
    void everyDocumentIsValidAgainstLibvirtsSchema() throws Exception {
        for (String name : virsh.ok("nodedev-list").lines().toList()) {
            Path xml = dir.resolve(name + ".xml");
            Files.writeString(xml, virsh.ok("nodedev-dumpxml", name));
            Command.run(Duration.ofSeconds(30), "xmllint", "--noout", "--relaxng", SCHEMA, xml.toString())
                    .assertSuccess();
        }
    }

    @Test
    void aPfShowsItsVfsAndTheCardsSerialAndAVfItsPf() {
        String pf = virsh.ok("nodedev-dumpxml", "pci_0000_5e_00_0");
        assertTrue(pf.contains("<capability type='virt_functions' maxCount='8'>"), pf);
        assertTrue(pf.contains("<address domain='0x0000' bus='0x5e' slot='0x00' function='0x2'/>"), pf);
        assertTrue(pf.contains("<serial_number>MT2146X00042</serial_number>"), pf);
        assertTrue(pf.contains("<vendor id='0x15b3'/>"), pf);
        assertTrue(pf.contains("<name>mlx5_core</name>"), pf);

        String vf = virsh.ok("nodedev-dumpxml", "pci_0000_5e_00_2");
        assertTrue(vf.contains("<parent>computer</parent>"), vf);
        assertTrue(vf.contains("<product id='0x1018'/>"), vf);
        assertTrue(
                vf.contains("<capability type='phys_function'>\n"
                        + "      <address domain='0x0000' bus='0x5e' slot='0x00' function='0x0'/>"),
                vf);
        assertTrue(vf.contains("<iommuGroup number='41'>"), vf);
        assertTrue(vf.contains("<numa node='0'/>"), vf);

        String net = virsh.ok("nodedev-dumpxml", "net_sim0_0c_42_a1_5e_00_00");
        assertTrue(net.contains("<parent>pci_0000_5e_00_0</parent>"), net);
        assertTrue(net.contains("<address>0c:42:a1:5e:00:00</address>"), net);
        assertTrue(net.contains("<link speed='25000' state='up'/>"), net);

        String disk = virsh.ok("nodedev-dumpxml", "pci_0000_3b_00_0");
        assertTrue(disk.contains("<name>virtio-pci</name>"), disk);
        assertTrue(disk.contains("<product id='0x1042'/>"), disk);
    }

    @Test
    void anUnknownNameIsLibvirtsNoNodeDevice() {
        Command.Result result = virsh.run("nodedev-dumpxml", "pci_0000_5e_07_7");
        assertEquals(1, result.exitCode());
        assertTrue(
                result.stderr().contains("Node device not found: no node device with matching name 'pci_0000_5e_07_7'"),
                result.stderr());
    }

    @Test
    void aFreeVfDetachesReattachesAndResetsAndOneInUseRefusesAll() throws Exception {
        assertTrue(virsh.ok("nodedev-detach", "pci_0000_5e_00_7").contains("Device pci_0000_5e_00_7 detached"));
        assertTrue(virsh.ok("nodedev-reattach", "pci_0000_5e_00_7").contains("re-attached"));
        assertTrue(virsh.ok("nodedev-reset", "pci_0000_5e_00_7").contains("reset"));

        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        virsh.ok(
                "attach-device",
                "web-1",
                Resources.file(dir, "nodedev/hostdev-vf.xml").toString(),
                "--config");
        virsh.ok("start", "web-1");
        try {
            String live = virsh.ok("dumpxml", "web-1");
            assertTrue(
                    live.contains("<address type='pci' domain='0x0000' bus='0x5e' slot='0x00' function='0x2'/>"), live);
            for (String command : List.of("nodedev-detach", "nodedev-reattach", "nodedev-reset")) {
                Command.Result refused = virsh.run(command, "pci_0000_5e_00_2");
                assertEquals(1, refused.exitCode(), command);
                assertTrue(
                        refused.stderr().contains("PCI device 0000:5e:00.2 is in use by driver QEMU, domain web-1"),
                        refused.stderr());
            }
            Command.Result twice = virsh.run(
                    "attach-device",
                    "web-1",
                    Resources.file(dir, "nodedev/hostdev-vf.xml").toString());
            assertEquals(1, twice.exitCode());
        } finally {
            virsh.ok("destroy", "web-1");
            virsh.ok("undefine", "web-1");
        }
    }

    @Test
    void thePfAndTheDiskFunctionsAreNotTheHostsToDetach() {
        Command.Result pf = virsh.run("nodedev-detach", "pci_0000_5e_00_0");
        assertTrue(pf.stderr().contains("is the physical function of the card's NIC"), pf.stderr());
        Command.Result net = virsh.run("nodedev-reset", "net_sim0_0c_42_a1_5e_00_00");
        assertTrue(net.stderr().contains("is not a PCI device"), net.stderr());
    }

    @Test
    void aReadOnlyConnectionReadsButCannotDetach() {
        Virsh readOnly = new Virsh(DAEMON.unixUri("qemu", true));
        assertTrue(readOnly.ok("nodedev-list", "--cap", "pci").contains("pci_0000_5e_00_2"));
        readOnly.ok("nodedev-dumpxml", "pci_0000_5e_00_2");
        Command.Result denied = readOnly.run("nodedev-detach", "pci_0000_5e_00_3");
        assertEquals(1, denied.exitCode());
        assertTrue(denied.stderr().contains("read only access prevents virNodeDeviceDettach"), denied.stderr());
    }
}
