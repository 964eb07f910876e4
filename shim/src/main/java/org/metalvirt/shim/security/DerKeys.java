package org.metalvirt.shim.security;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The two older key formats certtool and openssl write, wrapped as PKCS#8 PrivateKeyInfo so that
 * the JDK's KeyFactory reads them: RSA's PKCS#1 ({@code RSA PRIVATE KEY}, certtool's default) and
 * SEC1's ECPrivateKey ({@code EC PRIVATE KEY}, certtool's and {@code openssl ecparam}'s EC keys).
 * Only as much DER as that takes: a malformed key is an {@link IllegalArgumentException}.
 */
final class DerKeys {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    private static final int NULL = 0x05;
    private static final int CURVE = 0xa0;
    /** 1.2.840.113549.1.1.1 rsaEncryption. */
    private static final byte[] RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** 1.2.840.10045.2.1 id-ecPublicKey. */
    private static final byte[] EC = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private DerKeys() {}

    static byte[] rsaToPkcs8(byte[] pkcs1) {
        return pkcs8(cat(tlv(OID, RSA), tlv(NULL, new byte[0])), pkcs1);
    }

    /**
     * SEC1: SEQUENCE { version 1, privateKey OCTET STRING, [0] namedCurve OID, [1] publicKey }. The
     * curve moves to the PKCS#8 algorithm identifier; the key itself is carried whole.
     */
    static byte[] ecToPkcs8(byte[] sec1) {
        Reader outer = new Reader(sec1, 0, sec1.length);
        Reader key = outer.inside(SEQUENCE);
        byte[] version = key.value(INTEGER);
        if (version.length != 1 || version[0] != 1) {
            throw new IllegalArgumentException("not a SEC1 EC private key (version)");
        }
        key.value(OCTET_STRING);
        byte[] curve = null;
        while (key.more()) {
            int tag = key.peek();
            Reader field = key.inside(tag);
            if (tag == CURVE) {
                curve = field.tlv(OID);
            }
        }
        if (curve == null) {
            throw new IllegalArgumentException("the EC key does not name its curve");
        }
        return pkcs8(cat(tlv(OID, EC), curve), sec1);
    }

    /** PrivateKeyInfo: version 0, the algorithm, the key as an OCTET STRING. */
    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return tlv(SEQUENCE, cat(tlv(INTEGER, new byte[] {0}), tlv(SEQUENCE, algorithm), tlv(OCTET_STRING, key)));
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] tlv(int tag, byte[] value) {
        int n = value.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** Definite-length DER, read forward within [pos, end). */
    private static final class Reader {
        private final byte[] der;
        private int pos;
        private final int end;

        Reader(byte[] der, int pos, int end) {
            this.der = der;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int peek() {
            need(1);
            return der[pos] & 0xff;
        }

        /** The next element's content, which must carry {@code tag}; the reader moves past it. */
        Reader inside(int tag) {
            int start = pos;
            if (peek() != tag) {
                throw new IllegalArgumentException("unexpected DER tag " + peek() + " at " + start);
            }
            pos++;
            need(1);
            int length = der[pos++] & 0xff;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes == 0 || bytes > 3) {
                    throw new IllegalArgumentException("unsupported DER length at " + start);
                }
                need(bytes);
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[pos++] & 0xff);
                }
            }
            need(length);
            Reader content = new Reader(der, pos, pos + length);
            pos += length;
            return content;
        }

        byte[] value(int tag) {
            Reader content = inside(tag);
            return Arrays.copyOfRange(der, content.pos, content.end);
        }

        /** The next element whole, tag and length included. */
        byte[] tlv(int tag) {
            int start = pos;
            inside(tag);
            return Arrays.copyOfRange(der, start, pos);
        }

        private void need(int n) {
            if (n > end - pos) {
                throw new IllegalArgumentException("truncated DER");
            }
        }
    }
}
