package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * Debian's virt-install giving a server a VF of the card's NIC with {@code --hostdev}, by node-device
 * name and by PCI address: virt-install looks the device up among the node devices and writes a
 * PCI {@code <hostdev>} for it; the daemon defines the domain, and its start takes that very VF.
 */
class VirtInstallHostdevTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RunningDaemon::simboard);

    /** virt-install writes the address it read from the node device in decimal: bus 94 is 0x5e. */
    private static final String VF_SOURCE = "<address domain=\"0\" bus=\"94\" slot=\"0\" function=\"";

    private static Command.Result virtInstall(String name, String hostdev, String... more) {
        String[] base = {
            "virt-install",
            "--connect",
            DAEMON.tcpUri("qemu"),
            "--name",
            name,
            "--memory",
            "1024",
            "--disk",
            "none",
            "--import",
            "--osinfo",
            "detect=off,require=off",
            "--graphics",
            "none",
            // virt-install's own NIC would be network 'default', which metalvirt does not define
            "--network",
            "none",
            "--noautoconsole",
            "--hostdev",
            hostdev
        };
        String[] command = new String[base.length + more.length];
        System.arraycopy(base, 0, command, 0, base.length);
        System.arraycopy(more, 0, command, base.length, more.length);
        return Command.run(Duration.ofSeconds(120), command);
    }

    @Test
    void aVfNamedAsANodeDeviceBecomesTheDomainsHostdev() {
        Command.Result printed = virtInstall("web-1", "pci_0000_5e_00_4", "--print-xml");

        assertEquals(0, printed.exitCode(), printed.toString());
        assertTrue(printed.stdout().contains(VF_SOURCE + "4\"/>"), printed.stdout());
    }

    @Test
    void aVfGivenByAddressIsDefinedAndTheStartedServerHoldsIt() {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        Command.Result installed = virtInstall("web-2", "0000:5e:00.5", "--noreboot");

        try {
            assertEquals(0, installed.exitCode(), installed.toString());
            assertTrue(virsh.ok("dumpxml", "--inactive", "web-2").contains("bus='94' slot='0' function='5'"));
            virsh.ok("start", "web-2"); // --noreboot: virt-install defined it and left it off
            virsh.awaitState("web-2", "running (booted)");
            String live = virsh.ok("dumpxml", "web-2");
            assertTrue(
                    live.contains("<address type='pci' domain='0x0000' bus='0x5e' slot='0x00' function='0x5'/>"), live);
        } finally {
            virsh.run("destroy", "web-2");
            virsh.run("undefine", "web-2", "--nvram");
        }
    }
}
