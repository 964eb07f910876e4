package org.metalvirt.node;

/** A way the server's firmware can boot an OS, named as libvirt's {@code <os firmware=…>} names it. */
public enum FirmwareMode {
    EFI("efi"),
    BIOS("bios");

    private final String libvirtName;

    FirmwareMode(String libvirtName) {
        this.libvirtName = libvirtName;
    }

    /** {@code efi} or {@code bios}. */
    public String libvirtName() {
        return libvirtName;
    }

    /** The mode libvirt calls {@code name}; an {@code IllegalArgumentException} for any other name. */
    public static FirmwareMode named(String name) {
        for (FirmwareMode mode : values()) {
            if (mode.libvirtName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("firmware '" + name + "' is neither efi nor bios");
    }
}
