package org.metalvirt.domainxml;

/**
 * The firmware the domain asks for: {@code <os firmware=…>}, or implied by its {@code <loader>}
 * ({@code pflash} is UEFI, {@code rom} is BIOS). A backend sets the server's boot mode from it.
 */
public enum Firmware {
    UNSPECIFIED,
    BIOS,
    EFI
}
