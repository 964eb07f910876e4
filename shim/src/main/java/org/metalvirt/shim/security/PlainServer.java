package org.metalvirt.shim.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.sasl.SaslException;

/**
 * PLAIN's server side (RFC 4616): {@code authzid NUL authcid NUL password} in one message, checked
 * against the user's SCRAM verifier. Offered only where the connection is already private (TLS, a
 * Unix socket), as cyrus offers it.
 */
final class PlainServer extends SaslMechanism {

    static final String NAME = "PLAIN";

    private final SaslUsers users;

    PlainServer(SaslUsers users) {
        this.users = users;
    }

    @Override
    public String getMechanismName() {
        return NAME;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
        if (response.length == 0) {
            return new byte[0];
        }
        int first = indexOf(response, 0);
        int second = first < 0 ? -1 : indexOf(response, first + 1);
        if (second < 0) {
            throw new SaslException("PLAIN: malformed message");
        }
        String authzid = new String(response, 0, first, StandardCharsets.UTF_8);
        String user = new String(response, first + 1, second - first - 1, StandardCharsets.UTF_8);
        char[] password =
                new String(response, second + 1, response.length - second - 1, StandardCharsets.UTF_8).toCharArray();
        try {
            if (!authzid.isEmpty() && !authzid.equals(user)) {
                throw new SaslException("PLAIN: authentication failed");
            }
            SaslUsers.Verifier verifier =
                    users.verifier(user).orElseThrow(() -> new SaslException("PLAIN: authentication failed"));
            SaslUsers.Verifier given = SaslUsers.derive(password, verifier.salt(), verifier.iterations());
            if (!MessageDigest.isEqual(given.storedKey(), verifier.storedKey())) {
                throw new SaslException("PLAIN: authentication failed");
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        complete(user);
        return null;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
