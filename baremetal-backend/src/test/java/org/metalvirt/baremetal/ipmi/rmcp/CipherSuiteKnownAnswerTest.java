package org.metalvirt.baremetal.ipmi.rmcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key exchange and the packet integrity of both suites against the spec's definitions (IPMI
 * v2.0 13.28, 13.31, 13.32) computed a second way ({@link SpecHmac}, fields laid out here). ipmi_sim
 * speaks suite 3 only, and accepts the client's codes (NativeIpmiTest): that this test agrees
 * with the client for suite 3 as well shows its own method right, and so for suite 17, which no
 * simulator on Debian offers.
 */
class CipherSuiteKnownAnswerTest {

    private final Random random = new Random(20261129);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void rakpCodesAndSessionKeysFollowTheSpec(CipherSuite suite) {
        byte[] kuid = "a-password".getBytes(StandardCharsets.US_ASCII);
        byte[] user = "admin".getBytes(StandardCharsets.US_ASCII);
        int consoleSid = random.nextInt();
        int bmcSid = random.nextInt();
        byte[] rm = bytes(16);
        byte[] rc = bytes(16);
        byte[] guid = bytes(16);
        int role = 0x14;

        // RAKP 2: SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENGTHm, UNAMEm, keyed by Kuid.
        assertArrayEquals(
                SpecHmac.of(
                        suite,
                        kuid,
                        SpecHmac.concat(
                                SpecHmac.le32(consoleSid),
                                SpecHmac.le32(bmcSid),
                                rm,
                                rc,
                                guid,
                                role,
                                user.length,
                                user)),
                Rakp.rakp2Code(suite, kuid, consoleSid, bmcSid, rm, rc, guid, role, user));
        // RAKP 3: Rc, SIDm, ROLEm, ULENGTHm, UNAMEm.
        assertArrayEquals(
                SpecHmac.of(suite, kuid, SpecHmac.concat(rc, SpecHmac.le32(consoleSid), role, user.length, user)),
                Rakp.rakp3Code(suite, kuid, rc, consoleSid, role, user));
        // SIK: Rm, Rc, ROLEm, ULENGTHm, UNAMEm, keyed by KG (= Kuid with no BMC key).
        byte[] sik = SpecHmac.of(suite, kuid, SpecHmac.concat(rm, rc, role, user.length, user));
        assertArrayEquals(sik, Rakp.sik(suite, kuid, rm, rc, role, user));
        assertEquals(suite == CipherSuite.SUITE_3 ? 20 : 32, sik.length);
        // RAKP 4: Rm, SIDc, GUIDc keyed by the SIK, truncated to 12 (SHA1-96) or 16 (SHA256-128) bytes.
        byte[] icv = Arrays.copyOf(
                SpecHmac.of(suite, sik, SpecHmac.concat(rm, SpecHmac.le32(bmcSid), guid)),
                suite == CipherSuite.SUITE_3 ? 12 : 16);
        assertArrayEquals(icv, Rakp.rakp4Icv(suite, sik, rm, bmcSid, guid));
        // K1, K2: the SIK's HMAC of a constant as long as the hash (20 or 32 bytes of 0x01, 0x02).
        byte[] ones = new byte[sik.length];
        Arrays.fill(ones, (byte) 1);
        byte[] twos = new byte[sik.length];
        Arrays.fill(twos, (byte) 2);
        assertArrayEquals(SpecHmac.of(suite, sik, ones), Crypto.derive(suite, sik, 0x01));
        assertArrayEquals(SpecHmac.of(suite, sik, twos), Crypto.derive(suite, sik, 0x02));
    }

    /** A session packet taken apart by the spec's layout: header, IV, AES padding, integrity pad, AuthCode. */
    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aSessionPacketIsLaidOutAndSignedAsTheSpecSays(CipherSuite suite) throws Exception {
        byte[] sik = bytes(suite == CipherSuite.SUITE_3 ? 20 : 32);
        byte[] k1 = Crypto.derive(suite, sik, 1);
        byte[] k2 = Crypto.derive(suite, sik, 2);
        int bmcSid = random.nextInt();
        for (int dataLength = 0; dataLength < 40; dataLength++) {
            Crypto crypto = new Crypto(suite, k1, k2);
            byte[] msg = Packets.request(0x00, 0x08, 5, bytes(dataLength));
            byte[] packet = Packets.inSession(crypto, bmcSid, 77 + dataLength, msg);

            assertArrayEquals(new byte[] {0x06, 0x00, (byte) 0xff, 0x07, 0x06, (byte) 0xc0}, Arrays.copyOf(packet, 6));
            assertEquals(bmcSid, Packets.getInt(packet, 6));
            assertEquals(77 + dataLength, Packets.getInt(packet, 10));
            int payloadLength = (packet[14] & 0xff) | (packet[15] & 0xff) << 8;
            int icvLength = suite == CipherSuite.SUITE_3 ? 12 : 16;
            int signedEnd = packet.length - icvLength;
            assertEquals(0, (signedEnd - 4) % 4, "the integrity pad makes the signed part a multiple of 4");
            assertEquals(0x07, packet[signedEnd - 1], "next header");
            int pad = packet[signedEnd - 2];
            assertEquals(16 + payloadLength + pad + 2, signedEnd);
            for (int i = 0; i < pad; i++) {
                assertEquals((byte) 0xff, packet[16 + payloadLength + i]);
            }
            assertArrayEquals(
                    Arrays.copyOf(SpecHmac.of(suite, k1, Arrays.copyOfRange(packet, 4, signedEnd)), icvLength),
                    Arrays.copyOfRange(packet, signedEnd, packet.length),
                    "AuthCode: HMAC with K1 from the format byte through next header, truncated");

            // Confidentiality: a 16-byte IV, then AES-CBC-128 with K2's first 16 bytes; pad 1, 2, … N, then N.
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(Arrays.copyOf(k2, 16), "AES"),
                    new IvParameterSpec(packet, 16, 16));
            byte[] plain = aes.doFinal(packet, 32, payloadLength - 16);
            int confPad = plain[plain.length - 1];
            assertEquals(0, (msg.length + confPad + 1) % 16);
            assertArrayEquals(msg, Arrays.copyOf(plain, msg.length));
            for (int i = 0; i < confPad; i++) {
                assertEquals(i + 1, plain[msg.length + i]);
            }

            Packets.Inbound back = Packets.parse(packet, packet.length, crypto);
            assertNotNull(back);
            assertArrayEquals(msg, back.payload());
            packet[20] ^= 1; // one bit changed in the ciphertext
            assertNull(Packets.parse(packet, packet.length, crypto), "a changed packet fails its AuthCode");
        }
    }
}
