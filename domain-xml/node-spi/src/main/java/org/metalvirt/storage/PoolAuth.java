package org.metalvirt.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code <auth type='ceph|chap' username=…><secret uuid=…|usage=…/></auth>}: whose credentials,
 * and the libvirt secret that holds them; never the credential itself.
 */
public record PoolAuth(String type, String username, Optional<String> uuid, Optional<String> usage) {

    public PoolAuth {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(username, "username");
    }
}
