package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * Debian's virt-install asking for UEFI ({@code --boot uefi}): it reads domain capabilities and
 * uses the firmware they offer, so a server with UEFI gets {@code <os firmware='efi'>} and a
 * BIOS-only server is refused UEFI. {@code --print-xml} defines nothing.
 */
class VirtInstallUefiTest {

    @RegisterExtension
    static final RunningDaemon UEFI = new RunningDaemon();

    @RegisterExtension
    static final RunningDaemon BIOS_ONLY =
            new RunningDaemon(config -> config.nodes.get(0).inventory.firmware = List.of("bios"));

    private static Command.Result virtInstall(RunningDaemon daemon) {
        return Command.run(
                Duration.ofSeconds(60),
                "virt-install",
                "--connect",
                daemon.tcpUri("qemu"),
                "--name",
                "web-1",
                "--memory",
                "1024",
                "--boot",
                "uefi",
                "--disk",
                "none",
                "--import",
                "--osinfo",
                "detect=off,require=off",
                "--graphics",
                "none",
                "--print-xml");
    }

    @Test
    void uefiIsTheServersFirmware() {
        Command.Result result = virtInstall(UEFI);

        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(result.stderr().contains("does not support UEFI"), result.stderr());
        assertTrue(result.stdout().contains("<os firmware=\"efi\">"), result.stdout());
    }

    @Test
    void aBiosOnlyServerIsRefusedUefi() {
        Command.Result result = virtInstall(BIOS_ONLY);

        assertNotEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("UEFI"), result.stderr());
    }
}
