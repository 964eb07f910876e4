package org.metalvirt.shim.security;

import java.security.SecureRandom;
import java.util.List;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * The daemon's SASL side: which mechanisms a connection is offered and a server for the one the
 * client picks. Over TLS and Unix sockets: SCRAM-SHA-256 (libvirt's clients prefer it) and PLAIN.
 * Over plain TCP libvirtd's clients insist on a security layer: DIGEST-MD5 with auth-conf, alone.
 * The users' file is read at each exchange: {@code metalvirtd sasl-user} changes apply at once.
 */
public final class SaslAuthenticator {

    private final SaslSettings settings;
    /** Makes the salts of unknown users stable within a run, so probing names learns nothing. */
    private final byte[] unknownUserKey = new byte[32];

    public SaslAuthenticator(SaslSettings settings) {
        this.settings = settings;
        new SecureRandom().nextBytes(unknownUserKey);
    }

    /** libvirt's mechlist for a connection. */
    public List<String> mechanisms(boolean secureTransport) {
        return secureTransport ? List.of(ScramSha256Server.NAME, PlainServer.NAME) : List.of(DigestMd5Server.NAME);
    }

    public SaslServer server(String mechanism, boolean secureTransport) throws SaslException {
        if (!mechanisms(secureTransport).contains(mechanism)) {
            throw new SaslException("mechanism " + mechanism + " not offered");
        }
        SaslUsers users = SaslUsers.read(settings.credentials());
        return switch (mechanism) {
            case ScramSha256Server.NAME -> new ScramSha256Server(users, unknownUserKey);
            case DigestMd5Server.NAME -> new DigestMd5Server(users);
            default -> new PlainServer(users);
        };
    }

    /** {@code sasl_allowed_username_list}: globs; an empty list lets every user of the file in. */
    public boolean allowed(String user) {
        return settings.allowedUsers().isEmpty()
                || settings.allowedUsers().stream().anyMatch(glob -> Glob.matches(glob, user));
    }
}
