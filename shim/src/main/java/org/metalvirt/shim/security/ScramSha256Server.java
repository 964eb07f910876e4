package org.metalvirt.shim.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.security.sasl.SaslException;

/**
 * SCRAM-SHA-256's server side (RFC 5802, RFC 7677), which the JDK lacks: client-first, server-first,
 * client-final with the proof, server-final with the server's signature. No channel binding (libvirt
 * sends the {@code n,,} header) and no security layer. An unknown user gets a made-up salt and fails
 * at the proof, like a wrong password, so the exchange does not tell which names exist.
 */
final class ScramSha256Server extends SaslMechanism {

    static final String NAME = "SCRAM-SHA-256";

    private final SaslUsers users;
    private final byte[] unknownUserKey;
    private int step;
    private String user;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private SaslUsers.Verifier verifier;
    private boolean known;

    ScramSha256Server(SaslUsers users, byte[] unknownUserKey) {
        this.users = users;
        this.unknownUserKey = unknownUserKey;
    }

    @Override
    public String getMechanismName() {
        return NAME;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
        String message = new String(response, StandardCharsets.UTF_8);
        return switch (step++) {
            case 0 -> clientFirst(message);
            case 1 -> clientFinal(message);
            default -> throw new SaslException("SCRAM exchange already finished");
        };
    }

    private byte[] clientFirst(String message) throws SaslException {
        if (!message.startsWith("n,,")) {
            // "y" or "p=": channel binding, which libvirt never asks for; "a=": another identity.
            throw new SaslException("SCRAM: unsupported GS2 header");
        }
        clientFirstBare = message.substring(3);
        String[] fields = clientFirstBare.split(",", -1);
        if (fields.length < 2 || !fields[0].startsWith("n=") || !fields[1].startsWith("r=")) {
            throw new SaslException("SCRAM: malformed client-first message");
        }
        user = fields[0].substring(2).replace("=2C", ",").replace("=3D", "=");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        nonce = fields[1].substring(2) + Base64.getEncoder().encodeToString(random);
        Optional<SaslUsers.Verifier> stored = users.verifier(user);
        known = stored.isPresent();
        verifier = stored.orElseGet(() -> new SaslUsers.Verifier(
                SaslUsers.ITERATIONS,
                java.util.Arrays.copyOf(SaslUsers.hmac(unknownUserKey, user), 16),
                new byte[32],
                new byte[32],
                null));
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i="
                + verifier.iterations();
        return serverFirst.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] clientFinal(String message) throws SaslException {
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new SaslException("SCRAM: no proof");
        }
        String withoutProof = message.substring(0, proofAt);
        String[] fields = withoutProof.split(",", -1);
        if (fields.length < 2 || !fields[0].equals("c=biws") || !fields[1].equals("r=" + nonce)) {
            throw new SaslException("SCRAM: channel binding or nonce mismatch");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new SaslException("SCRAM: malformed proof");
        }
        byte[] authMessage =
                (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] signature = SaslUsers.hmac(verifier.storedKey(), authMessage);
        if (proof.length != signature.length) {
            throw new SaslException("SCRAM: authentication failed");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        if (!MessageDigest.isEqual(SaslUsers.sha256(clientKey), verifier.storedKey()) || !known) {
            throw new SaslException("SCRAM: authentication failed");
        }
        complete(user);
        return ("v=" + Base64.getEncoder().encodeToString(SaslUsers.hmac(verifier.serverKey(), authMessage)))
                .getBytes(StandardCharsets.UTF_8);
    }
}
