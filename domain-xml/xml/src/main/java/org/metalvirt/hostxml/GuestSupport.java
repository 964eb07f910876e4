package org.metalvirt.hostxml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection advertises it can run, the {@code <guest>} part of host capabilities. A
 * bare-metal server runs exactly one "guest", itself; how it is described depends on which
 * driver the client opened (see the README's table of what each connection reports).
 *
 * @param domainTypes the {@code <domain type=…>} values accepted in domain XML
 * @param emulator    the emulator path some agents pass back to domain capabilities, if any
 * @param machines    machine type names, first the canonical one
 */
public record GuestSupport(List<String> domainTypes, Optional<String> emulator, List<String> machines) {

    public GuestSupport {
        domainTypes = List.copyOf(domainTypes);
        Objects.requireNonNull(emulator, "emulator");
        machines = List.copyOf(machines);
    }
}
