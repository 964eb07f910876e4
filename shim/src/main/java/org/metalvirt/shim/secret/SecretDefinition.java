package org.metalvirt.shim.secret;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A secret's definition as its XML gives it ({@code virSecretDef}).
 *
 * @param ephemeral kept in memory only, never written to the state directory
 * @param isPrivate its value is never given back to a client
 * @param usageId   the volume path, Ceph name, iSCSI target… of its usage; "" for {@link SecretUsage#NONE}
 */
public record SecretDefinition(
        UUID uuid,
        boolean ephemeral,
        boolean isPrivate,
        Optional<String> description,
        SecretUsage usage,
        String usageId) {

    public SecretDefinition {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(usageId, "usageId");
    }
}
