package org.metalvirt.qemu.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QemuCommandTest {

    private static MachineConfig config(int ports) {
        return new MachineConfig(
                "qemu-system-x86_64",
                "n,1",
                256,
                2,
                Optional.of(Path.of("/k")),
                Optional.of(Path.of("/i")),
                "console=ttyS0",
                Optional.empty(),
                ports,
                UUID.fromString("6a1c3f9e-0000-4000-8000-000000000001"),
                "m",
                "p",
                "S,N",
                Path.of("/run/x"),
                List.of("-extra"));
    }

    @Test
    void q35UnderTcgWithOneRootPortPerHotPlugSlot() {
        List<String> argv = QemuCommand.argv(config(2), true);
        String line = String.join(" ", argv);
        assertTrue(
                line.contains(
                        "-machine q35,memory-backend=mem -object memory-backend-memfd,id=mem,size=256M,share=on -accel tcg -m 256 -smp 2"),
                line);
        assertTrue(line.contains("pcie-root-port,id=rp1,bus=pcie.0,chassis=1,slot=1,addr=0x10"), line);
        assertTrue(line.contains("pcie-root-port,id=rp2,bus=pcie.0,chassis=2,slot=2,addr=0x11"), line);
        assertTrue(line.contains("-qmp unix:/run/x/qmp.sock,server=on,wait=off"), line);
        assertTrue(line.contains("-pidfile /run/x/qemu.pid"), line);
        assertTrue(argv.contains("-S"));
        assertEquals("-extra", argv.get(argv.size() - 1));
        assertTrue(!line.contains("-no-reboot"), "a reset must restart the same process");
    }

    @Test
    void uefiIsOvmfOnTwoPflashUnitsItsCodeReadOnly() {
        String bios = String.join(" ", QemuCommand.argv(config(0), true));
        assertTrue(!bios.contains("pflash"), "SeaBIOS is QEMU's own: " + bios);

        String line = String.join(
                " ", QemuCommand.argv(config(0), true, Optional.of(new Uefi(Path.of("/c.fd"), Path.of("/r,x/v.fd")))));
        assertTrue(line.contains("-drive if=pflash,format=raw,unit=0,readonly=on,file=/c.fd"), line);
        assertTrue(line.contains("-drive if=pflash,format=raw,unit=1,file=/r,,x/v.fd"), line);
    }

    @Test
    void commasInValuesAreDoubled() {
        String line = String.join(" ", QemuCommand.argv(config(0), false));
        assertTrue(line.contains("guest=n,,1"), line);
        assertTrue(line.contains("serial=S,,N"), line);
    }

    @Test
    void rootPortsAreBoundedAndGuestAddressesFollowThem() {
        assertThrows(IllegalArgumentException.class, () -> config(MachineConfig.MAX_ROOT_PORTS + 1));
        assertEquals("0000:01:00.0", MachineConfig.guestAddress(1));
        assertEquals("0000:0f:00.0", MachineConfig.guestAddress(15));
    }
}
