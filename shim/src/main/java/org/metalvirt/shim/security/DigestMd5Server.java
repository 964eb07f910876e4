package org.metalvirt.shim.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;

/**
 * DIGEST-MD5's server side (RFC 2831) with its confidentiality layer, what libvirt's client needs
 * over plain TCP: only {@code qop=auth-conf} with {@code rc4} is offered (libvirt refuses less than
 * 56 bits there). Written here rather than taken from the JDK, whose server wants each password in
 * clear; this one needs only H(name:realm:password), which {@link SaslUsers} keeps.
 */
final class DigestMd5Server extends SaslMechanism {

    static final String NAME = "DIGEST-MD5";
    private static final int MAXBUF = 65536;
    /** MAC (10), message type (2) and sequence number (4) that each wrapped message carries. */
    private static final int OVERHEAD = 16;

    private static final Pattern DIRECTIVE =
            Pattern.compile("\\s*([A-Za-z0-9-]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))\\s*(?:,|$)");

    private final SaslUsers users;
    private final String nonce;
    private int step;
    private int clientMaxbuf = MAXBUF;
    private Layer layer;

    DigestMd5Server(SaslUsers users) {
        this.users = users;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.nonce = Base64.getEncoder().encodeToString(random);
    }

    @Override
    public String getMechanismName() {
        return NAME;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) throws SaslException {
        return switch (step++) {
            case 0 -> {
                if (response.length != 0) {
                    throw new SaslException("DIGEST-MD5: the client spoke first");
                }
                yield ("realm=\"" + SaslUsers.REALM + "\",nonce=\"" + nonce + "\",qop=\"auth-conf\",cipher=\"rc4\","
                                + "maxbuf=" + MAXBUF + ",charset=utf-8,algorithm=md5-sess")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> respond(directives(new String(response, StandardCharsets.UTF_8)));
            default -> throw new SaslException("DIGEST-MD5 exchange already finished");
        };
    }

    private byte[] respond(Map<String, String> d) throws SaslException {
        String user = d.get("username");
        String uri = d.getOrDefault("digest-uri", "");
        if (user == null
                || !SaslUsers.REALM.equals(d.get("realm"))
                || !nonce.equals(d.get("nonce"))
                || d.get("cnonce") == null
                || !"00000001".equals(d.get("nc"))
                || !"auth-conf".equals(d.get("qop"))
                || !"rc4".equals(d.get("cipher"))
                || !uri.startsWith("libvirt/")) {
            throw new SaslException("DIGEST-MD5: unexpected response directives");
        }
        String authzid = d.get("authzid");
        if (authzid != null && !authzid.equals(user)) {
            throw new SaslException("DIGEST-MD5: authentication failed");
        }
        if (d.containsKey("maxbuf")) {
            clientMaxbuf = Math.max(OVERHEAD + 1, Math.min(MAXBUF, Integer.parseInt(d.get("maxbuf"))));
        }
        byte[] secret = users.verifier(user)
                .map(SaslUsers.Verifier::digestSecret)
                .orElseThrow(() -> new SaslException("DIGEST-MD5: authentication failed"));
        byte[] ha1 = md5(concat(
                secret,
                (":" + nonce + ":" + d.get("cnonce") + (authzid != null ? ":" + authzid : ""))
                        .getBytes(StandardCharsets.UTF_8)));
        String zeros = ":00000000000000000000000000000000";
        String expected = kd(ha1, d, "AUTHENTICATE:" + uri + zeros);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                d.getOrDefault("response", "").getBytes(StandardCharsets.US_ASCII))) {
            throw new SaslException("DIGEST-MD5: authentication failed");
        }
        layer = new Layer(ha1);
        complete(user);
        return ("rspauth=" + kd(ha1, d, ":" + uri + zeros)).getBytes(StandardCharsets.US_ASCII);
    }

    /** HEX(H(HEX(H(A1)):nonce:nc:cnonce:qop:HEX(H(A2)))). */
    private String kd(byte[] ha1, Map<String, String> d, String a2) {
        HexFormat hex = HexFormat.of();
        String text = hex.formatHex(ha1) + ":" + nonce + ":" + d.get("nc") + ":" + d.get("cnonce") + ":" + d.get("qop")
                + ":" + hex.formatHex(md5(a2.getBytes(StandardCharsets.US_ASCII)));
        return hex.formatHex(md5(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Map<String, String> directives(String text) throws SaslException {
        Map<String, String> values = new HashMap<>();
        Matcher m = DIRECTIVE.matcher(text);
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
            if (values.put(m.group(1).toLowerCase(java.util.Locale.ROOT), value) != null) {
                throw new SaslException("DIGEST-MD5: a directive given twice");
            }
            at = m.end();
        }
        if (at != text.length()) {
            throw new SaslException("DIGEST-MD5: malformed response");
        }
        return values;
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        if (Sasl.QOP.equals(propName)) {
            return "auth-conf";
        }
        if (Sasl.RAW_SEND_SIZE.equals(propName)) {
            return Integer.toString(clientMaxbuf - OVERHEAD);
        }
        return null;
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) throws SaslException {
        return layer().wrap(outgoing, offset, len);
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) throws SaslException {
        return layer().unwrap(incoming, offset, len);
    }

    private Layer layer() {
        if (layer == null) {
            throw new IllegalStateException("authentication not complete");
        }
        return layer;
    }

    /** RFC 2831 2.3 and 2.4: HMAC-MD5 integrity keys, RC4 sealing keys, a sequence number each way. */
    private static final class Layer {
        private final byte[] kic;
        private final byte[] kis;
        private final Cipher fromClient;
        private final Cipher toClient;
        private int sent;
        private int received;

        Layer(byte[] ha1) throws SaslException {
            kic = md5(concat(ha1, ascii("Digest session key to client-to-server signing key magic constant")));
            kis = md5(concat(ha1, ascii("Digest session key to server-to-client signing key magic constant")));
            try {
                fromClient = Cipher.getInstance("ARCFOUR");
                fromClient.init(
                        Cipher.DECRYPT_MODE,
                        new SecretKeySpec(
                                md5(concat(ha1, ascii("Digest H(A1) to client-to-server sealing key magic constant"))),
                                "ARCFOUR"));
                toClient = Cipher.getInstance("ARCFOUR");
                toClient.init(
                        Cipher.ENCRYPT_MODE,
                        new SecretKeySpec(
                                md5(concat(ha1, ascii("Digest H(A1) to server-to-client sealing key magic constant"))),
                                "ARCFOUR"));
            } catch (GeneralSecurityException e) {
                throw new SaslException("DIGEST-MD5: no RC4 here", e);
            }
        }

        synchronized byte[] wrap(byte[] data, int offset, int len) {
            byte[] message = java.util.Arrays.copyOfRange(data, offset, offset + len);
            byte[] mac = mac(kis, sent, message);
            byte[] sealed = toClient.update(concat(message, mac));
            return ByteBuffer.allocate(sealed.length + 6)
                    .put(sealed)
                    .putShort((short) 1)
                    .putInt(sent++)
                    .array();
        }

        synchronized byte[] unwrap(byte[] data, int offset, int len) throws SaslException {
            if (len < OVERHEAD) {
                throw new SaslException("DIGEST-MD5: wrapped message too short");
            }
            ByteBuffer tail = ByteBuffer.wrap(data, offset + len - 6, 6);
            if (tail.getShort() != 1 || tail.getInt() != received) {
                throw new SaslException("DIGEST-MD5: wrapped message out of sequence");
            }
            byte[] plain = fromClient.update(data, offset, len - 6);
            byte[] message = java.util.Arrays.copyOf(plain, plain.length - 10);
            byte[] mac = java.util.Arrays.copyOfRange(plain, plain.length - 10, plain.length);
            if (!MessageDigest.isEqual(mac, mac(kic, received, message))) {
                throw new SaslException("DIGEST-MD5: wrapped message fails its MAC");
            }
            received++;
            return message;
        }

        private static byte[] mac(byte[] key, int seq, byte[] message) {
            try {
                Mac hmac = Mac.getInstance("HmacMD5");
                hmac.init(new SecretKeySpec(key, "HmacMD5"));
                hmac.update(ByteBuffer.allocate(4).putInt(seq).array());
                return java.util.Arrays.copyOf(hmac.doFinal(message), 10);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
