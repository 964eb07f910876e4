package org.metalvirt.baremetal.ipmi.rmcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;

/**
 * The RMCP+ session handshake (IPMI v2.0 13.17-13.31): Get Channel Authentication Capabilities,
 * Open Session Request/Response, then RAKP 1-4, checking the BMC's codes and deriving the session
 * integrity key (SIK) and from it K1 and K2. The key exchange codes are HMACs keyed by the user's
 * password (Kuid; with no BMC key set, KG is Kuid too).
 */
final class Rakp {

    /** What the session asks: ADMINISTRATOR, as ipmitool's lanplus does by default. */
    static final int ADMINISTRATOR = 0x04;
    /** The requested role's bit asking the BMC to find the user by name only (not name and role). */
    static final int NAME_ONLY_LOOKUP = 0x10;

    /** The session the handshake ended with. */
    record Established(int bmcSessionId, Crypto crypto) {}

    /** A way to send one packet and get the answer matching it (resending as needed), or time out. */
    interface Exchange {
        Packets.Inbound send(byte[] packet, java.util.function.Predicate<Packets.Inbound> answers, String what);
    }

    private final BmcLogin login;
    private final Exchange exchange;
    private final SecureRandom random;
    private int tag;

    Rakp(BmcLogin login, Exchange exchange, SecureRandom random) {
        this.login = login;
        this.exchange = exchange;
        this.random = random;
    }

    Established open(int consoleSessionId) {
        byte[] user = login.user().getBytes(StandardCharsets.UTF_8);
        if (user.length > 16) {
            throw Failures.failed("the BMC user name " + login.user() + " is longer than IPMI's 16 bytes");
        }
        byte[] kuid = login.password().get(); // first: a password that cannot be read costs the BMC nothing
        try {
            if (kuid.length > 20) {
                throw Failures.failed("the password for BMC " + login.bmc() + " is longer than IPMI v2.0's 20 bytes");
            }
            checkChannel();
            return authenticate(openSession(consoleSessionId), consoleSessionId, user, kuid);
        } finally {
            Arrays.fill(kuid, (byte) 0);
        }
    }

    private Established authenticate(int bmcSessionId, int consoleSessionId, byte[] user, byte[] kuid) {
        int role = ADMINISTRATOR | NAME_ONLY_LOOKUP;
        byte[] rm = new byte[16];
        random.nextBytes(rm);

        // RAKP 1 -> 2: the BMC proves it knows the user's password.
        byte[] rakp1 = new byte[28 + user.length];
        rakp1[0] = (byte) ++tag;
        Packets.putInt(rakp1, 4, bmcSessionId);
        System.arraycopy(rm, 0, rakp1, 8, 16);
        rakp1[24] = (byte) role;
        rakp1[27] = (byte) user.length;
        System.arraycopy(user, 0, rakp1, 28, user.length);
        byte[] rakp2 = answer(Packets.RAKP_1, rakp1, Packets.RAKP_2, "RAKP 1");
        if (rakp2.length < 40 + login.suite().macLength || Packets.getInt(rakp2, 4) != consoleSessionId) {
            throw refused("a malformed RAKP 2");
        }
        byte[] rc = Arrays.copyOfRange(rakp2, 8, 24);
        byte[] guid = Arrays.copyOfRange(rakp2, 24, 40);
        byte[] expected = rakp2Code(login.suite(), kuid, consoleSessionId, bmcSessionId, rm, rc, guid, role, user);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(rakp2, 40, 40 + expected.length))) {
            // Tell the BMC, so that it frees the session now rather than at its timeout.
            byte[] abort = rakp3(bmcSessionId, 0x0F, new byte[0]);
            exchange.send(Packets.setup(Packets.RAKP_3, abort), null, "RAKP 3");
            throw Failures.failed("BMC " + login.bmc() + " refused the session: unauthorized name or invalid"
                    + " password for user " + login.user() + " (its RAKP 2 key exchange code does not match)");
        }
        // RAKP 3 -> 4: the console proves it, and both derive the session keys.
        byte[] code3 = rakp3Code(login.suite(), kuid, rc, consoleSessionId, role, user);
        byte[] rakp4 = answer(Packets.RAKP_3, rakp3(bmcSessionId, 0, code3), Packets.RAKP_4, "RAKP 3");
        byte[] sik = sik(login.suite(), kuid, rm, rc, role, user);
        byte[] icv = rakp4Icv(login.suite(), sik, rm, bmcSessionId, guid);
        if (rakp4.length < 8 + icv.length
                || Packets.getInt(rakp4, 4) != consoleSessionId
                || !MessageDigest.isEqual(icv, Arrays.copyOfRange(rakp4, 8, 8 + icv.length))) {
            throw refused("a RAKP 4 whose integrity check value does not match");
        }
        Crypto crypto = new Crypto(
                login.suite(), Crypto.derive(login.suite(), sik, 0x01), Crypto.derive(login.suite(), sik, 0x02));
        Arrays.fill(sik, (byte) 0); // K1 and K2 are all the session keeps
        return new Established(bmcSessionId, crypto);
    }

    /** Get Channel Authentication Capabilities, asking for the IPMI v2.0 extended data. */
    private void checkChannel() {
        byte[] request = Packets.request(0x06, 0x38, 0, new byte[] {(byte) 0x8E, ADMINISTRATOR});
        Packets.Inbound in = exchange.send(
                Packets.preSession(request),
                i -> i.payloadType() == Packets.PAYLOAD_IPMI && Packets.reply(i.payload()) != null,
                "Get Channel Authentication Capabilities");
        Reply reply = Packets.reply(in.payload());
        if (reply.completionCode() != 0) {
            throw refused("Get Channel Authentication Capabilities with " + reply.completionText());
        }
        if (reply.data().length < 4 || (reply.data()[1] & 0x80) == 0 || (reply.data()[3] & 0x02) == 0) {
            throw Failures.failed("BMC " + login.bmc() + " does not offer IPMI v2.0 (RMCP+) sessions on this channel");
        }
    }

    private int openSession(int consoleSessionId) {
        CipherSuite suite = login.suite();
        byte[] open = new byte[32];
        open[0] = (byte) ++tag;
        open[1] = ADMINISTRATOR;
        Packets.putInt(open, 4, consoleSessionId);
        algorithm(open, 8, 0x00, suite.authentication);
        algorithm(open, 16, 0x01, suite.integrity);
        algorithm(open, 24, 0x02, CipherSuite.AES_CBC_128);
        byte[] response = answer(Packets.OPEN_SESSION_REQUEST, open, Packets.OPEN_SESSION_RESPONSE, "Open Session");
        if (response.length < 12 || Packets.getInt(response, 4) != consoleSessionId) {
            throw refused("a malformed Open Session Response");
        }
        return Packets.getInt(response, 8);
    }

    private static void algorithm(byte[] b, int at, int type, int algorithm) {
        b[at] = (byte) type;
        b[at + 3] = 0x08;
        b[at + 4] = (byte) algorithm;
    }

    private byte[] rakp3(int bmcSessionId, int status, byte[] code) {
        byte[] rakp3 = new byte[8 + code.length];
        rakp3[0] = (byte) ++tag;
        rakp3[1] = (byte) status;
        Packets.putInt(rakp3, 4, bmcSessionId);
        System.arraycopy(code, 0, rakp3, 8, code.length);
        return rakp3;
    }

    /** Sends a setup payload and returns the answer with the same tag, refusing on a non-zero status. */
    private byte[] answer(int type, byte[] payload, int answerType, String what) {
        int sent = payload[0] & 0xff;
        byte[] answer = exchange.send(
                        Packets.setup(type, payload),
                        in -> in.payloadType() == answerType
                                && in.payload().length >= 2
                                && (in.payload()[0] & 0xff) == sent,
                        what)
                .payload();
        int status = answer[1] & 0xff;
        if (status != 0) {
            throw refused(RakpStatus.describe(status));
        }
        return answer;
    }

    private VirtException refused(String why) {
        return Failures.failed("BMC " + login.bmc() + " refused the session for user " + login.user() + ": " + why);
    }

    // The codes of IPMI v2.0 13.31-13.32, each over the fields in the spec's order.

    static byte[] rakp2Code(
            CipherSuite suite,
            byte[] kuid,
            int consoleSid,
            int bmcSid,
            byte[] rm,
            byte[] rc,
            byte[] guid,
            int role,
            byte[] user) {
        return Crypto.hmac(suite, kuid, le(consoleSid), le(bmcSid), rm, rc, guid, nameAndRole(role, user));
    }

    static byte[] rakp3Code(CipherSuite suite, byte[] kuid, byte[] rc, int consoleSid, int role, byte[] user) {
        return Crypto.hmac(suite, kuid, rc, le(consoleSid), nameAndRole(role, user));
    }

    static byte[] sik(CipherSuite suite, byte[] kg, byte[] rm, byte[] rc, int role, byte[] user) {
        return Crypto.hmac(suite, kg, rm, rc, nameAndRole(role, user));
    }

    static byte[] rakp4Icv(CipherSuite suite, byte[] sik, byte[] rm, int bmcSid, byte[] guid) {
        return Arrays.copyOf(Crypto.hmac(suite, sik, rm, le(bmcSid), guid), suite.icvLength);
    }

    private static byte[] nameAndRole(int role, byte[] user) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(role);
        out.write(user.length);
        out.writeBytes(user);
        return out.toByteArray();
    }

    private static byte[] le(int value) {
        byte[] b = new byte[4];
        Packets.putInt(b, 0, value);
        return b;
    }
}
