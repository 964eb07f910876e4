package org.metalvirt.baremetal.ipmi.rmcp;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A session's keys in use (IPMI v2.0 13.28, 13.32): the integrity MAC keyed by K1, and AES-CBC-128
 * keyed by K2's first 16 bytes with a random IV per packet and IPMI's own padding (1, 2, 3, … then
 * the pad length), not PKCS#7. One instance per session, used under the session's lock.
 */
final class Crypto {

    private static final int BLOCK = 16;

    private final CipherSuite suite;
    private final Mac integrity;
    private final Cipher aes;
    private final SecretKeySpec aesKey;
    private final SecureRandom random = new SecureRandom();

    Crypto(CipherSuite suite, byte[] k1, byte[] k2) {
        this.suite = suite;
        this.integrity = mac(suite, k1);
        this.aesKey = new SecretKeySpec(k2, 0, BLOCK, "AES");
        try {
            this.aes = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/CBC/NoPadding", e);
        }
    }

    static Mac mac(CipherSuite suite, byte[] key) {
        try {
            Mac mac = Mac.getInstance(suite.mac);
            mac.init(new SecretKeySpec(key, suite.mac));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + suite.mac, e);
        }
    }

    /** HMAC over the parts concatenated, full length. */
    static byte[] hmac(CipherSuite suite, byte[] key, byte[]... parts) {
        Mac mac = mac(suite, key);
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** K1 and K2 are the SIK's MAC of 20 (SHA-1) or 32 (SHA-256) bytes all 0x01, or all 0x02. */
    static byte[] derive(CipherSuite suite, byte[] sik, int constant) {
        byte[] filler = new byte[suite.macLength];
        java.util.Arrays.fill(filler, (byte) constant);
        return hmac(suite, sik, filler);
    }

    /** The packet's AuthCode: the MAC of {@code data[from, to)}, truncated. */
    byte[] authCode(byte[] data, int from, int to) {
        integrity.update(data, from, to - from);
        return java.util.Arrays.copyOf(integrity.doFinal(), suite.icvLength);
    }

    int icvLength() {
        return suite.icvLength;
    }

    /** IV, then the payload and the confidentiality trailer encrypted. */
    byte[] encrypt(byte[] payload) {
        int pad = (BLOCK - (payload.length + 1) % BLOCK) % BLOCK;
        byte[] plain = new byte[payload.length + pad + 1];
        System.arraycopy(payload, 0, plain, 0, payload.length);
        for (int i = 1; i <= pad; i++) {
            plain[payload.length + i - 1] = (byte) i;
        }
        plain[plain.length - 1] = (byte) pad;
        byte[] iv = new byte[BLOCK];
        random.nextBytes(iv);
        byte[] out = new byte[BLOCK + plain.length];
        System.arraycopy(iv, 0, out, 0, BLOCK);
        try {
            aes.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
            aes.doFinal(plain, 0, plain.length, out, BLOCK);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC-128 failed", e);
        }
        return out;
    }

    /** The payload of an encrypted one, or null when it is malformed (a corrupt or foreign packet). */
    byte[] decrypt(byte[] data, int offset, int length) {
        if (length < 2 * BLOCK || length % BLOCK != 0) {
            return null;
        }
        byte[] plain;
        try {
            aes.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(data, offset, BLOCK));
            plain = aes.doFinal(data, offset + BLOCK, length - BLOCK);
        } catch (GeneralSecurityException e) {
            return null;
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad >= BLOCK || pad + 1 > plain.length) {
            return null;
        }
        return java.util.Arrays.copyOf(plain, plain.length - pad - 1);
    }
}
