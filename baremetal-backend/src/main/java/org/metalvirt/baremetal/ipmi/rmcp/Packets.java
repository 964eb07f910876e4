package org.metalvirt.baremetal.ipmi.rmcp;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The wire formats (IPMI v2.0 13.6, 13.8): the RMCP header, the IPMI v1.5 session header of the
 * one pre-session request, the RMCP+ session header with its payload type, the integrity trailer
 * (pad of 0xFF to a multiple of 4, pad length, next header 0x07, AuthCode), and the IPMI LAN
 * message with its two checksums. Integers are little-endian on the wire.
 */
final class Packets {

    static final int PAYLOAD_IPMI = 0x00;
    static final int OPEN_SESSION_REQUEST = 0x10;
    static final int OPEN_SESSION_RESPONSE = 0x11;
    static final int RAKP_1 = 0x12;
    static final int RAKP_2 = 0x13;
    static final int RAKP_3 = 0x14;
    static final int RAKP_4 = 0x15;

    private static final int ENCRYPTED = 0x80;
    private static final int AUTHENTICATED = 0x40;
    private static final int FORMAT_RMCP_PLUS = 0x06;
    private static final int NEXT_HEADER = 0x07;
    private static final int BMC_ADDRESS = 0x20;
    private static final int CONSOLE_ADDRESS = 0x81;
    /** RMCP version 1.0, reserved, sequence 0xFF (no RMCP ACK wanted), class IPMI. */
    private static final byte[] RMCP = {0x06, 0x00, (byte) 0xff, 0x07};

    /** What a received datagram carried, once checked, with the sender's session sequence number. */
    record Inbound(int payloadType, int sessionId, int sequence, byte[] payload) {}

    private Packets() {}

    /** An IPMI request message from the remote console (SWID 0x81) to the BMC (0x20), LUN 0. */
    static byte[] request(int netFn, int cmd, int rqSeq, byte[] data) {
        byte[] msg = new byte[7 + data.length];
        msg[0] = (byte) BMC_ADDRESS;
        msg[1] = (byte) (netFn << 2);
        msg[2] = checksum(msg, 0, 2);
        msg[3] = (byte) CONSOLE_ADDRESS;
        msg[4] = (byte) (rqSeq << 2);
        msg[5] = (byte) cmd;
        System.arraycopy(data, 0, msg, 6, data.length);
        msg[msg.length - 1] = checksum(msg, 3, msg.length - 1);
        return msg;
    }

    /** The reply an IPMI response message carries; null when too short or a checksum is wrong. */
    static Reply reply(byte[] msg) {
        if (msg.length < 8
                || checksum(msg, 0, 2) != msg[2]
                || checksum(msg, 3, msg.length - 1) != msg[msg.length - 1]) {
            return null;
        }
        return new Reply(
                (msg[1] & 0xff) >> 2,
                msg[5] & 0xff,
                (msg[4] & 0xff) >> 2,
                msg[6] & 0xff,
                Arrays.copyOfRange(msg, 7, msg.length - 1));
    }

    /** Before any session: IPMI v1.5 header, authentication type none, sequence and session 0. */
    static byte[] preSession(byte[] msg) {
        byte[] out = new byte[14 + msg.length];
        System.arraycopy(RMCP, 0, out, 0, 4);
        out[13] = (byte) msg.length;
        System.arraycopy(msg, 0, out, 14, msg.length);
        return out;
    }

    /** A session-setup payload (Open Session, RAKP 1 and 3): RMCP+ format, session 0, in the clear. */
    static byte[] setup(int payloadType, byte[] payload) {
        byte[] out = new byte[16 + payload.length];
        System.arraycopy(RMCP, 0, out, 0, 4);
        out[4] = FORMAT_RMCP_PLUS;
        out[5] = (byte) payloadType;
        putShort(out, 14, payload.length);
        System.arraycopy(payload, 0, out, 16, payload.length);
        return out;
    }

    /** An IPMI message in an active session: encrypted, authenticated, with its sequence number. */
    static byte[] inSession(Crypto crypto, int bmcSessionId, int sequence, byte[] msg) {
        byte[] payload = crypto.encrypt(msg);
        int body = 12 + payload.length; // from the format byte through the payload
        int pad = (4 - (body + 2) % 4) % 4;
        int signed = body + pad + 2;
        byte[] out = new byte[4 + signed + crypto.icvLength()];
        System.arraycopy(RMCP, 0, out, 0, 4);
        out[4] = FORMAT_RMCP_PLUS;
        out[5] = (byte) (ENCRYPTED | AUTHENTICATED | PAYLOAD_IPMI);
        putInt(out, 6, bmcSessionId);
        putInt(out, 10, sequence);
        putShort(out, 14, payload.length);
        System.arraycopy(payload, 0, out, 16, payload.length);
        Arrays.fill(out, 16 + payload.length, 16 + payload.length + pad, (byte) 0xff);
        out[4 + body + pad] = (byte) pad;
        out[4 + body + pad + 1] = NEXT_HEADER;
        byte[] code = crypto.authCode(out, 4, 4 + signed);
        System.arraycopy(code, 0, out, 4 + signed, code.length);
        return out;
    }

    /**
     * A datagram checked and opened: null when it is not RMCP/IPMI, is cut short, or fails its
     * AuthCode. With no keys yet ({@code crypto} null) only unauthenticated packets are taken;
     * with keys, only authenticated ones.
     */
    static Inbound parse(byte[] buf, int length, Crypto crypto) {
        if (length < 14 || buf[0] != RMCP[0] || buf[3] != RMCP[3]) {
            return null;
        }
        int format = buf[4] & 0xff;
        if (format == 0x00) { // IPMI v1.5, no authentication: the pre-session reply
            int len = buf[13] & 0xff;
            return length < 14 + len || crypto != null
                    ? null
                    : new Inbound(PAYLOAD_IPMI, getInt(buf, 9), getInt(buf, 5), Arrays.copyOfRange(buf, 14, 14 + len));
        }
        if (format != FORMAT_RMCP_PLUS || length < 16) {
            return null;
        }
        int type = buf[5] & 0xff;
        int len = getShort(buf, 14);
        if (16 + len > length) {
            return null;
        }
        boolean authenticated = (type & AUTHENTICATED) != 0;
        if (authenticated != (crypto != null)) {
            return null;
        }
        if (authenticated && !authentic(crypto, buf, length, len)) {
            return null;
        }
        byte[] payload = (type & ENCRYPTED) != 0
                ? crypto == null ? null : crypto.decrypt(buf, 16, len)
                : Arrays.copyOfRange(buf, 16, 16 + len);
        return payload == null ? null : new Inbound(type & 0x3f, getInt(buf, 6), getInt(buf, 10), payload);
    }

    private static boolean authentic(Crypto crypto, byte[] buf, int length, int payloadLength) {
        int signedEnd = length - crypto.icvLength();
        // The trailer sits after the payload: pad, pad length, next header, then the AuthCode.
        if (signedEnd < 16 + payloadLength + 2 || (signedEnd - 4) % 4 != 0 || buf[signedEnd - 1] != NEXT_HEADER) {
            return false;
        }
        byte[] expected = crypto.authCode(buf, 4, signedEnd);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(buf, signedEnd, length));
    }

    /** The two's complement checksum IPMI puts after the header and after the body. */
    static byte checksum(byte[] data, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += data[i];
        }
        return (byte) -sum;
    }

    static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
        b[at + 2] = (byte) (value >> 16);
        b[at + 3] = (byte) (value >> 24);
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
    }

    private static int getShort(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
