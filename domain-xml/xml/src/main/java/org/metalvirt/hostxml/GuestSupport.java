package org.metalvirt.hostxml;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection advertises it can run, the {@code <guest>} part of host capabilities. A
 * bare-metal server runs exactly one "guest", itself; how it is described depends on which
 * driver the client opened (see the README's table of what each connection reports).
 *
 * @param domainTypes the {@code <domain type=…>} values accepted in domain XML
 * @param emulator    the emulator path some agents pass back to domain capabilities, if any
 * @param machines    machine type names, the first the preferred one
 * @param aliases     machine names that stand for another (libvirt's {@code canonical}), as
 *                    {@code q35} stands for {@code pc-q35-7.2}
 */
public record GuestSupport(
        List<String> domainTypes, Optional<String> emulator, List<String> machines, Map<String, String> aliases) {

    public GuestSupport {
        domainTypes = List.copyOf(domainTypes);
        Objects.requireNonNull(emulator, "emulator");
        machines = List.copyOf(machines);
        aliases = Map.copyOf(aliases);
    }

    public GuestSupport(List<String> domainTypes, Optional<String> emulator, List<String> machines) {
        this(domainTypes, emulator, machines, Map.of());
    }

    /** The machine {@code name} stands for, if this connection has it. */
    public Optional<String> canonicalMachine(String name) {
        if (!machines.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(aliases.getOrDefault(name, name));
    }
}
