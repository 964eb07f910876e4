package org.metalvirt.baremetal.ipmi.rmcp;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Who to log in to and as whom. The password is read through {@code password} at each handshake
 * (a rotated password file is taken at the next session) and its bytes cleared after; it is
 * never part of a message or of this record's text.
 *
 * @param timeout  how long one request may take in all, its resends included
 * @param attempts how many times a request is sent before it has no answer
 */
public record BmcLogin(
        String host,
        int port,
        String user,
        CipherSuite suite,
        Supplier<byte[]> password,
        Duration timeout,
        int attempts) {

    public BmcLogin {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(password, "password");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    /** What a session is shared by: the same BMC, user and suite. */
    record Key(String host, int port, String user, CipherSuite suite) {}

    Key key() {
        return new Key(host, port, user, suite);
    }

    /** The BMC as messages name it. */
    String bmc() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return user + "@" + bmc() + " (cipher suite " + suite.id + ")";
    }
}
