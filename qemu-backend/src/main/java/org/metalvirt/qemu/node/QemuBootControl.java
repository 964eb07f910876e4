package org.metalvirt.qemu.node;

import java.util.List;
import java.util.Optional;
import org.metalvirt.node.BootControl;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.ServerFirmware;

/**
 * The boot mode of a QEMU server, as a BMC's boot flags select it on a server with both: OVMF
 * (UEFI) or SeaBIOS from the next power-on. With no mode asked, the server boots legacy BIOS
 * when it has one, as libvirt's QEMU does without {@code <os firmware>}, else UEFI. The order is
 * the firmware's own: both try the card's disks.
 */
final class QemuBootControl implements BootControl {

    private final QemuMachine machine;
    private final ServerFirmware firmware;

    QemuBootControl(QemuMachine machine, ServerFirmware firmware) {
        this.machine = machine;
        this.firmware = firmware;
        machine.firmware(resolve(Optional.empty()));
    }

    @Override
    public void setBoot(List<BootDevice> order, Optional<FirmwareMode> mode) {
        machine.firmware(resolve(mode));
    }

    private FirmwareMode resolve(Optional<FirmwareMode> mode) {
        return mode.filter(firmware::has)
                .orElse(firmware.has(FirmwareMode.BIOS) ? FirmwareMode.BIOS : FirmwareMode.EFI);
    }
}
