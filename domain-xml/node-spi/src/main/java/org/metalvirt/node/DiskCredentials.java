package org.metalvirt.node;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * What a disk's volume is reached with: the user of its {@code <auth>} and the value of the libvirt
 * secret it names, resolved by the daemon at attach time. A provider reads the value only where
 * it sends it (a JSON-RPC body over a Unix socket, a file only it can read, a program's stdin),
 * never into argv or a log; {@link #toString()} never shows it.
 *
 * @param username  {@code <auth username>}, if given
 * @param usageType the secret's usage: {@code ceph} (the value is the Ceph key's bytes) or
 *                  {@code iscsi} (the CHAP password)
 */
public final class DiskCredentials {

    private final Optional<String> username;
    private final String usageType;
    private final byte[] value;

    public DiskCredentials(Optional<String> username, String usageType, byte[] value) {
        this.username = Objects.requireNonNull(username, "username");
        this.usageType = Objects.requireNonNull(usageType, "usageType");
        this.value = value.clone();
    }

    public Optional<String> username() {
        return username;
    }

    public String usageType() {
        return usageType;
    }

    /** The secret's value as text (a CHAP password). */
    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The secret's value in base64, as Ceph writes a key ({@code key = AQ…==}). */
    public String base64() {
        return Base64.getEncoder().encodeToString(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DiskCredentials that
                && username.equals(that.username)
                && usageType.equals(that.usageType)
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, usageType, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "DiskCredentials[" + usageType
                + username.map(user -> ", user " + user).orElse("") + ", value hidden]";
    }
}
