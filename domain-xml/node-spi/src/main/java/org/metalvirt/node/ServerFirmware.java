package org.metalvirt.node;

import java.util.HashSet;
import java.util.List;

/**
 * What the server's firmware can boot: UEFI, legacy BIOS (a CSM) or both, and whether UEFI
 * Secure Boot can be enforced. Domain capabilities report exactly this, so agents (virt-install,
 * Nova's UEFI and Secure Boot traits) ask for no firmware the server does not have.
 *
 * @param modes      the boot modes, at least one, each once
 * @param secureBoot UEFI Secure Boot is available (needs {@link FirmwareMode#EFI})
 */
public record ServerFirmware(List<FirmwareMode> modes, boolean secureBoot) {

    /** Most servers: UEFI with a legacy BIOS mode, Secure Boot not offered. */
    public static final ServerFirmware DEFAULT =
            new ServerFirmware(List.of(FirmwareMode.EFI, FirmwareMode.BIOS), false);

    public ServerFirmware {
        modes = List.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("a server's firmware boots in at least one mode (efi, bios)");
        }
        if (new HashSet<>(modes).size() != modes.size()) {
            throw new IllegalArgumentException("firmware modes listed twice: " + modes);
        }
        if (secureBoot && !modes.contains(FirmwareMode.EFI)) {
            throw new IllegalArgumentException("secure boot needs efi firmware");
        }
    }

    public boolean has(FirmwareMode mode) {
        return modes.contains(mode);
    }
}
