package org.metalvirt.shim.security;

import java.nio.file.Path;
import java.util.List;

/**
 * SASL's users and who of them may connect.
 *
 * @param credentials  the file of hashed secrets {@code metalvirtd sasl-user} keeps
 * @param allowedUsers globs over the authenticated name ({@code sasl_allowed_username_list}); empty allows all
 */
public record SaslSettings(Path credentials, List<String> allowedUsers) {

    public SaslSettings {
        allowedUsers = List.copyOf(allowedUsers);
    }
}
