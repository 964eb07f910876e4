package org.metalvirt.hostxml;

import java.util.Objects;
import java.util.Optional;

/**
 * What a domain capabilities document is about, resolved from the caller's request as the
 * connection's personality answers it.
 *
 * @param path       the emulator binary the personality names; none on a connection without one
 * @param domainType the virt type ({@code kvm}, {@code qemu}, {@code baremetal})
 * @param machine    the canonical machine type
 * @param arch       the server's architecture
 */
public record DomainCapsTarget(Optional<String> path, String domainType, String machine, String arch) {

    public DomainCapsTarget {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(domainType, "domainType");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(arch, "arch");
    }
}
