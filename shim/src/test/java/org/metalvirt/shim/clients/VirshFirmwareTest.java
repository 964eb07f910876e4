package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.sim.SimBootControl;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * The firmware a domain asks for ({@code <os firmware>}, or a {@code pflash} loader) reaches the
 * server's boot control at start, as a BMC's boot mode; a server whose firmware lacks it refuses
 * the start as libvirt's QEMU driver does when no firmware satisfies the request.
 */
class VirshFirmwareTest {

    @RegisterExtension
    static final RunningDaemon BOTH = new RunningDaemon();

    @RegisterExtension
    static final RunningDaemon BIOS_ONLY =
            new RunningDaemon(config -> config.nodes.get(0).inventory.firmware = List.of("bios"));

    @TempDir
    Path dir;

    private Path domain(String os) throws IOException {
        Path xml = Resources.file(dir, "domains/web-1.xml");
        Files.writeString(xml, Files.readString(xml).replace("<os>", os));
        return xml;
    }

    private static SimBootControl boot(RunningDaemon daemon) {
        return (SimBootControl) daemon.node("node0").boot();
    }

    private static void startAndDestroy(Virsh virsh, Path xml) {
        virsh.ok("define", xml.toString());
        try {
            virsh.ok("start", "web-1");
            virsh.ok("destroy", "web-1");
        } finally {
            virsh.ok("undefine", "web-1");
        }
    }

    @Test
    void uefiAskedIsTheServersBootMode() throws IOException {
        startAndDestroy(new Virsh(BOTH.tcpUri("qemu")), domain("<os firmware='efi'>"));

        assertEquals(Optional.of(FirmwareMode.EFI), boot(BOTH).bootMode());
        assertEquals(List.of(BootDevice.DISK), boot(BOTH).bootOrder());
    }

    @Test
    void aPflashLoaderIsUefiAndARomOneBios() throws IOException {
        Virsh virsh = new Virsh(BOTH.tcpUri("qemu"));
        startAndDestroy(
                virsh, domain("<os><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>"));
        assertEquals(Optional.of(FirmwareMode.EFI), boot(BOTH).bootMode());

        startAndDestroy(virsh, domain("<os firmware='bios'>"));
        assertEquals(Optional.of(FirmwareMode.BIOS), boot(BOTH).bootMode());
    }

    @Test
    void noFirmwareAskedLeavesTheServersOwn() throws IOException {
        startAndDestroy(new Virsh(BOTH.tcpUri("qemu")), domain("<os>"));

        assertEquals(Optional.empty(), boot(BOTH).bootMode());
    }

    @Test
    void aBiosOnlyServerRefusesToStartAUefiDomain() throws IOException {
        Virsh virsh = new Virsh(BIOS_ONLY.tcpUri("qemu"));
        virsh.ok("define", domain("<os firmware='efi'>").toString());
        try {
            Command.Result start = virsh.run("start", "web-1");

            assertNotEquals(0, start.exitCode(), start.toString());
            assertTrue(
                    start.stderr().contains("operation failed: Unable to find any firmware to satisfy 'efi'"),
                    start.stderr());
            assertEquals("shut off", virsh.ok("domstate", "web-1"));
        } finally {
            virsh.ok("undefine", "web-1");
        }
    }
}
