package org.metalvirt.baremetal.ipmi.rmcp;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A BMC's side of RMCP+ written from the spec for the tests, sharing no code with the client (its
 * HMAC is {@link SpecHmac}, its layouts its own): one user, one cipher suite, a chassis whose power
 * the Chassis Control command turns on and off (soft off included; no diagnostic interrupt, 0xCC).
 * It stands in for a BMC with cipher suite 17, which ipmi_sim lacks. Its replies in a session carry
 * its own sequence numbers, 1, 2, 3…; it keeps the first reply it sent to each request (by command
 * and requester sequence number) and can replay it, as an attacker on the path would. Loopback only.
 */
public final class FakeRmcpBmc implements AutoCloseable {

    private final CipherSuite suite;
    private final byte[] user;
    private final byte[] password;
    private final DatagramSocket socket;
    private final Thread thread;
    private final SecureRandom random = new SecureRandom();
    private final byte[] guid = new byte[16];
    private final List<String> commands = new CopyOnWriteArrayList<>();
    /** The first sealed reply to each "netfn/cmd/rqSeq", as captured off the wire. */
    private final Map<String, byte[]> captured = new ConcurrentHashMap<>();

    private volatile boolean replayNext;
    private volatile boolean replayed;

    // The one session being set up or in use.
    private int consoleSid;
    private final int bmcSid = 0x1234ABCD;
    private byte[] rm;
    private byte[] rc;
    private int role;
    private byte[] k1;
    private byte[] k2;
    /** The session sequence number of the last packet sent in the session. */
    private int outbound;

    private volatile boolean on;

    public FakeRmcpBmc(CipherSuite suite, String user, String password) throws SocketException {
        this.suite = suite;
        this.user = user.getBytes(StandardCharsets.US_ASCII);
        this.password = password.getBytes(StandardCharsets.US_ASCII);
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        random.nextBytes(guid);
        this.thread = new Thread(this::serve, "fake-bmc");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** "netfn/cmd" of each authenticated request received, in order. */
    public List<String> commands() {
        return commands;
    }

    public boolean on() {
        return on;
    }

    /**
     * The next request that has a captured reply (one to the same command with the same requester
     * sequence number, sent earlier in the session) gets that reply again, and no other: its
     * answer is lost, replaced by a replay.
     */
    public void replayNext() {
        replayNext = true;
    }

    /** Whether a captured reply was replayed. */
    public boolean replayed() {
        return replayed;
    }

    private void serve() {
        byte[] buf = new byte[1024];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
                byte[] answer = answer(Arrays.copyOf(buf, in.getLength()));
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
                }
            } catch (Exception e) {
                if (socket.isClosed()) {
                    return;
                } // else a malformed packet: dropped, as a BMC does
            }
        }
    }

    private byte[] answer(byte[] p) throws Exception {
        if (p[4] == 0x00) { // IPMI v1.5: Get Channel Authentication Capabilities
            byte[] msg = Arrays.copyOfRange(p, 14, 14 + p[13]);
            byte[] reply = message(msg, new byte[] {0, 1, (byte) 0x80, 0x04, 0x02, 0, 0, 0, 0});
            byte[] out = new byte[14 + reply.length];
            System.arraycopy(p, 0, out, 0, 4);
            out[13] = (byte) reply.length;
            System.arraycopy(reply, 0, out, 14, reply.length);
            return out;
        }
        int type = p[5] & 0xff;
        int length = (p[14] & 0xff) | (p[15] & 0xff) << 8;
        byte[] payload = Arrays.copyOfRange(p, 16, 16 + length);
        return switch (type & 0x3f) {
            case 0x10 -> setup(0x11, openSession(payload));
            case 0x12 -> setup(0x13, rakp2(payload));
            case 0x14 -> rakp4(payload);
            case 0x00 -> session(p, type, payload);
            default -> null;
        };
    }

    private byte[] openSession(byte[] open) {
        consoleSid = le(open, 4);
        int status = open[12] != suite.authentication || open[20] != suite.integrity || open[28] != 0x01 ? 0x11 : 0;
        byte[] r = new byte[36];
        r[0] = open[0];
        r[1] = (byte) status;
        r[2] = 0x04;
        put(r, 4, consoleSid);
        put(r, 8, bmcSid);
        System.arraycopy(open, 8, r, 12, 24);
        return r;
    }

    private byte[] rakp2(byte[] rakp1) {
        rm = Arrays.copyOfRange(rakp1, 8, 24);
        role = rakp1[24] & 0xff;
        byte[] name = Arrays.copyOfRange(rakp1, 28, 28 + rakp1[27]);
        byte[] head = new byte[40];
        head[0] = rakp1[0];
        put(head, 4, consoleSid);
        if (!Arrays.equals(name, user)) {
            head[1] = 0x0D; // unauthorized name
            return Arrays.copyOf(head, 8);
        }
        rc = new byte[16];
        random.nextBytes(rc);
        System.arraycopy(rc, 0, head, 8, 16);
        System.arraycopy(guid, 0, head, 24, 16);
        byte[] code = SpecHmac.of(
                suite,
                password,
                SpecHmac.concat(
                        SpecHmac.le32(consoleSid), SpecHmac.le32(bmcSid), rm, rc, guid, role, user.length, user));
        return SpecHmac.concat(head, code);
    }

    private byte[] rakp4(byte[] rakp3) {
        byte[] expected =
                SpecHmac.of(suite, password, SpecHmac.concat(rc, SpecHmac.le32(consoleSid), role, user.length, user));
        byte[] head = new byte[8];
        head[0] = rakp3[0];
        put(head, 4, consoleSid);
        if (rakp3[1] != 0) {
            return null; // the console gave up
        }
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(rakp3, 8, rakp3.length))) {
            head[1] = 0x0F;
            return setup(0x15, head);
        }
        byte[] sik = SpecHmac.of(suite, password, SpecHmac.concat(rm, rc, role, user.length, user));
        byte[] ones = new byte[sik.length];
        Arrays.fill(ones, (byte) 1);
        byte[] twos = new byte[sik.length];
        Arrays.fill(twos, (byte) 2);
        k1 = SpecHmac.of(suite, sik, ones);
        k2 = SpecHmac.of(suite, sik, twos);
        outbound = 0;
        captured.clear();
        byte[] icv = Arrays.copyOf(SpecHmac.of(suite, sik, SpecHmac.concat(rm, SpecHmac.le32(bmcSid), guid)), icv());
        return setup(0x15, SpecHmac.concat(head, icv));
    }

    private byte[] session(byte[] p, int type, byte[] payload) throws Exception {
        if (k1 == null || type != 0xC0 || le(p, 6) != bmcSid) {
            return null;
        }
        int end = p.length - icv();
        byte[] code = Arrays.copyOf(SpecHmac.of(suite, k1, Arrays.copyOfRange(p, 4, end)), icv());
        if (!MessageDigest.isEqual(code, Arrays.copyOfRange(p, end, p.length))) {
            return null;
        }
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k2, 0, 16, "AES"), new IvParameterSpec(payload, 0, 16));
        byte[] plain = aes.doFinal(payload, 16, payload.length - 16);
        byte[] msg = Arrays.copyOf(plain, plain.length - plain[plain.length - 1] - 1);
        int netFn = (msg[1] & 0xff) >> 2;
        int cmd = msg[5] & 0xff;
        commands.add(String.format("%02x/%02x", netFn, cmd));
        byte[] data = Arrays.copyOfRange(msg, 6, msg.length - 1);
        byte[] reply;
        if (netFn == 0x06 && cmd == 0x3B) {
            reply = new byte[] {0, data[0]};
        } else if (netFn == 0x06 && cmd == 0x3C) {
            k1 = null;
            reply = new byte[] {0};
        } else if (netFn == 0x00 && cmd == 0x01) {
            reply = new byte[] {0, (byte) (on ? 1 : 0), 0, 0};
        } else if (netFn == 0x00 && cmd == 0x02) {
            int control = data[0];
            if (control == 0x04) {
                reply = new byte[] {(byte) 0xCC};
            } else {
                on = control == 0x01 || (on && control == 0x03);
                reply = new byte[] {0};
            }
        } else {
            reply = new byte[] {(byte) 0xC1};
        }
        String key = String.format("%02x/%02x/%d", netFn, cmd, (msg[4] & 0xff) >> 2);
        byte[] earlier = captured.get(key);
        if (replayNext && earlier != null) {
            replayNext = false;
            replayed = true;
            return earlier;
        }
        byte[] sealed = sealed(message(msg, reply));
        captured.putIfAbsent(key, sealed);
        return sealed;
    }

    /** An IPMI response to {@code request}: addresses swapped, netFn + 1, both checksums. */
    private static byte[] message(byte[] request, byte[] ccAndData) {
        byte[] r = new byte[6 + ccAndData.length + 1];
        r[0] = request[3];
        r[1] = (byte) (request[1] + 4);
        r[2] = (byte) -(r[0] + r[1]);
        r[3] = request[0];
        r[4] = request[4];
        r[5] = request[5];
        System.arraycopy(ccAndData, 0, r, 6, ccAndData.length);
        int sum = 0;
        for (int i = 3; i < r.length - 1; i++) {
            sum += r[i];
        }
        r[r.length - 1] = (byte) -sum;
        return r;
    }

    private byte[] sealed(byte[] msg) throws Exception {
        int pad = 15 - msg.length % 16;
        byte[] plain = new byte[msg.length + pad + 1];
        System.arraycopy(msg, 0, plain, 0, msg.length);
        for (int i = 0; i < pad; i++) {
            plain[msg.length + i] = (byte) (i + 1);
        }
        plain[plain.length - 1] = (byte) pad;
        byte[] iv = new byte[16];
        random.nextBytes(iv);
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k2, 0, 16, "AES"), new IvParameterSpec(iv));
        byte[] payload = SpecHmac.concat(iv, aes.doFinal(plain));
        byte[] head = new byte[16];
        head[0] = 0x06;
        head[2] = (byte) 0xff;
        head[3] = 0x07;
        head[4] = 0x06;
        head[5] = (byte) 0xC0;
        put(head, 6, consoleSid);
        put(head, 10, ++outbound);
        head[14] = (byte) payload.length;
        head[15] = (byte) (payload.length >> 8);
        int integrityPad = (4 - (12 + payload.length + 2) % 4) % 4;
        byte[] trailer = new byte[integrityPad + 2];
        Arrays.fill(trailer, (byte) 0xff);
        trailer[integrityPad] = (byte) integrityPad;
        trailer[integrityPad + 1] = 0x07;
        byte[] signed = SpecHmac.concat(head, payload, trailer);
        byte[] code = Arrays.copyOf(SpecHmac.of(suite, k1, Arrays.copyOfRange(signed, 4, signed.length)), icv());
        return SpecHmac.concat(signed, code);
    }

    private static byte[] setup(int type, byte[] payload) {
        byte[] head = {
            0x06,
            0,
            (byte) 0xff,
            0x07,
            0x06,
            (byte) type,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            (byte) payload.length,
            (byte) (payload.length >> 8)
        };
        return SpecHmac.concat(head, payload);
    }

    private int icv() {
        return suite == CipherSuite.SUITE_3 ? 12 : 16;
    }

    private static int le(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static void put(byte[] b, int at, int v) {
        System.arraycopy(SpecHmac.le32(v), 0, b, at, 4);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
