package org.metalvirt.baremetal.ipmi.rmcp;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC computed a second way, from RFC 2104's definition over a plain message digest
 * (H((K xor opad) || H((K xor ipad) || m)), 64-byte blocks), so that the client's use of
 * {@code javax.crypto.Mac} is checked against something it does not share.
 */
final class SpecHmac {

    private SpecHmac() {}

    static byte[] of(CipherSuite suite, byte[] key, byte[]... parts) {
        String digest = suite == CipherSuite.SUITE_3 ? "SHA-1" : "SHA-256";
        try {
            MessageDigest inner = MessageDigest.getInstance(digest);
            MessageDigest outer = MessageDigest.getInstance(digest);
            byte[] block = new byte[64];
            byte[] k = key.length > 64 ? MessageDigest.getInstance(digest).digest(key) : key;
            System.arraycopy(k, 0, block, 0, k.length);
            for (byte b : block) {
                inner.update((byte) (b ^ 0x36));
                outer.update((byte) (b ^ 0x5c));
            }
            for (byte[] part : parts) {
                inner.update(part);
            }
            return outer.digest(inner.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes laid end to end, as the spec lists a code's fields. */
    static byte[] concat(Object... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object field : fields) {
            if (field instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else if (field instanceof Integer value) {
                out.write(value);
            } else {
                throw new IllegalArgumentException(String.valueOf(field));
            }
        }
        return out.toByteArray();
    }

    /** A 32-bit field as the wire carries it, least significant byte first. */
    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
