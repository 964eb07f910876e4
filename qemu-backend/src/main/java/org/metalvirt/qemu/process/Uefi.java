package org.metalvirt.qemu.process;

import java.nio.file.Path;
import java.util.Objects;

/**
 * UEFI firmware for a node (OVMF): its code, read-only and shared, and the node's own variable
 * store (its NVRAM: boot entries OVMF records survive power cycles), both as {@code pflash}.
 *
 * @param code the firmware image ({@code OVMF_CODE_4M.fd})
 * @param vars the node's copy of the variable store template
 */
public record Uefi(Path code, Path vars) {
    public Uefi {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(vars, "vars");
    }
}
