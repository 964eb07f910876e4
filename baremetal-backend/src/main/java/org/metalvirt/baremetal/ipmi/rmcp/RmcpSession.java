package org.metalvirt.baremetal.ipmi.rmcp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RMCP+ session with a BMC, opened at the first request and kept: requests are serialized on
 * it (one at a time, as BMCs want), each sent up to {@code attempts} times within {@code timeout}
 * with a fresh session sequence number (a BMC drops a repeated one). A BMC that forgot the session
 * (it restarted, or timed it out) answers nothing: the session is then opened again once and the
 * request sent on the new one. A session idle longer than BMCs keep one is opened anew up front.
 * A reply is taken only if it answers the request (command and requester sequence number) and its
 * session sequence number is in the {@link SequenceWindow}: a duplicate or a replay is dropped as
 * if lost, and the request is resent. Shared by every node on the BMC through {@link RmcpSessions}.
 */
public final class RmcpSession {

    private static final Logger LOG = LoggerFactory.getLogger(RmcpSession.class);

    /**
     * ipmi_sim ends a session idle for 30 s (lanserv's default), real BMCs after about a minute: past
     * this, a request would only time out, so a new session is opened first (the old one closed).
     */
    static final long IDLE_NANOS = 25_000_000_000L;

    private static final int NETFN_APP = 0x06;

    private final BmcLogin login;
    /** What idleness is measured with ({@link System#nanoTime()} but in tests). */
    private final LongSupplier clock;

    private final ReentrantLock lock = new ReentrantLock(true);
    private final SecureRandom random = new SecureRandom();
    private final byte[] receive = new byte[1024];
    private DatagramSocket socket;
    private Rakp.Established session;
    private SequenceWindow received;
    private int sequence;
    private int rqSeq;
    private long lastAnswer;
    private int opened;

    RmcpSession(BmcLogin login) {
        this(login, System::nanoTime);
    }

    RmcpSession(BmcLogin login, LongSupplier clock) {
        this.login = login;
        this.clock = clock;
    }

    /** Sends one IPMI request on the session and returns the BMC's reply, whatever its completion code. */
    public Reply request(int netFn, int cmd, byte... data) {
        lock.lock();
        try {
            if (session != null && clock.getAsLong() - lastAnswer > IDLE_NANOS) {
                LOG.debug("BMC {}: session idle too long, opening a new one", login.bmc());
                closeSession();
            }
            boolean fresh = session == null;
            if (fresh) {
                open();
            }
            try {
                return send(netFn, cmd, data);
            } catch (NoAnswer e) {
                if (fresh) {
                    throw e;
                }
                // The BMC may have restarted or timed the session out: one new session, one more try.
                LOG.info("BMC {}: no answer on the session, opening a new one", login.bmc());
                drop();
                open();
                return send(netFn, cmd, data);
            }
        } catch (NoAnswer e) {
            drop();
            throw e.failure();
        } catch (VirtException e) {
            if (session == null) {
                drop(); // a failed handshake leaves no socket behind
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs several requests with no other user's request between them, as ipmitool's per-BMC lock
     * keeps a whole command together (the steps of a boot flags change).
     */
    public void exclusively(Runnable steps) {
        lock.lock();
        try {
            steps.run();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a session is established now (for tests and metrics; it may be gone on the BMC). */
    public boolean established() {
        lock.lock();
        try {
            return session != null;
        } finally {
            lock.unlock();
        }
    }

    /** How many sessions this one has opened on the BMC so far (for tests and metrics). */
    public int sessionsOpened() {
        lock.lock();
        try {
            return opened;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the session on the BMC (Close Session, not waiting long for its answer) and the socket. */
    void close() {
        lock.lock();
        try {
            closeSession();
            drop();
        } finally {
            lock.unlock();
        }
    }

    private void closeSession() {
        if (session == null) {
            return;
        }
        byte[] id = new byte[4];
        Packets.putInt(id, 0, session.bmcSessionId());
        try {
            sendOnce(NETFN_APP, 0x3C, id);
        } catch (IOException | RuntimeException e) {
            LOG.debug("BMC {}: Close Session not sent: {}", login.bmc(), e.toString());
        }
        session = null;
    }

    private void open() {
        try {
            if (socket == null) {
                socket = new DatagramSocket();
                socket.connect(new InetSocketAddress(login.host(), login.port()));
            }
        } catch (IOException e) {
            throw Failures.failed("cannot reach BMC " + login.bmc() + ": " + e.getMessage(), e);
        }
        int consoleSessionId = random.nextInt() | 1; // never 0, which means "no session"
        Rakp.Established established = new Rakp(login, this::exchange, random).open(consoleSessionId);
        session = established;
        received = new SequenceWindow();
        sequence = 0;
        // RMCP+ sessions start at USER privilege; chassis control needs more (Set Session Privilege Level).
        Reply raised = send(NETFN_APP, 0x3B, new byte[] {Rakp.ADMINISTRATOR});
        if (raised.completionCode() != 0) {
            session = null;
            throw Failures.failed("BMC " + login.bmc() + " refused ADMINISTRATOR privilege to user " + login.user()
                    + ": " + raised.completionText());
        }
        opened++;
        LOG.debug("BMC {}: session {} open", login.bmc(), Integer.toHexString(established.bmcSessionId()));
    }

    private void drop() {
        session = null;
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** A request in the session, matched to its reply by command and requester sequence number. */
    private Reply send(int netFn, int cmd, byte[] data) {
        int seq = rqSeq = (rqSeq + 1) & 0x3f;
        Packets.Inbound in = resend(
                i -> {
                    Reply r = i.payloadType() == Packets.PAYLOAD_IPMI ? Packets.reply(i.payload()) : null;
                    return r != null && r.cmd() == cmd && r.rqSeq() == seq && r.netFn() == (netFn | 1);
                },
                () -> Packets.inSession(
                        session.crypto(),
                        session.bmcSessionId(),
                        nextSequence(),
                        Packets.request(netFn, cmd, seq, data)),
                String.format("netfn 0x%02x command 0x%02x", netFn, cmd));
        return Packets.reply(in.payload());
    }

    private void sendOnce(int netFn, int cmd, byte[] data) throws IOException {
        rqSeq = (rqSeq + 1) & 0x3f;
        byte[] packet = Packets.inSession(
                session.crypto(), session.bmcSessionId(), nextSequence(), Packets.request(netFn, cmd, rqSeq, data));
        socket.send(new DatagramPacket(packet, packet.length));
    }

    private int nextSequence() {
        sequence = sequence == -1 ? 1 : sequence + 1; // 0 is for packets outside a session
        return sequence;
    }

    /** The handshake's exchange: the same packet resent; {@code answers} null sends once and waits for nothing. */
    private Packets.Inbound exchange(byte[] packet, Predicate<Packets.Inbound> answers, String what) {
        if (answers == null) {
            try {
                socket.send(new DatagramPacket(packet, packet.length));
            } catch (IOException e) {
                LOG.debug("BMC {}: {} not sent: {}", login.bmc(), what, e.toString());
            }
            return null;
        }
        try {
            return resend(answers, () -> packet, what);
        } catch (NoAnswer e) {
            throw e.failure();
        }
    }

    /** Sends {@code packets.get()} up to {@code attempts} times, each waiting its share of the timeout. */
    private Packets.Inbound resend(Predicate<Packets.Inbound> answers, Supplier<byte[]> packets, String what) {
        long share = Math.max(1, login.timeout().toNanos() / login.attempts());
        for (int attempt = 1; attempt <= login.attempts(); attempt++) {
            byte[] packet = packets.get();
            try {
                socket.send(new DatagramPacket(packet, packet.length));
            } catch (PortUnreachableException e) {
                // An ICMP answer to an earlier packet: nothing listens now; wait out this attempt.
            } catch (IOException e) {
                throw Failures.failed("cannot send to BMC " + login.bmc() + ": " + e.getMessage(), e);
            }
            Packets.Inbound in = await(answers, System.nanoTime() + share);
            if (in != null) {
                lastAnswer = clock.getAsLong();
                return in;
            }
            LOG.debug("BMC {}: no answer to {} (attempt {} of {})", login.bmc(), what, attempt, login.attempts());
        }
        throw new NoAnswer(login, what);
    }

    /** Reads datagrams until one answers, or the deadline passes (null); others are dropped. */
    private Packets.Inbound await(Predicate<Packets.Inbound> answers, long deadline) {
        DatagramPacket datagram = new DatagramPacket(receive, receive.length);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                datagram.setLength(receive.length);
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                return null;
            } catch (PortUnreachableException e) {
                continue; // nothing listens on the BMC's port (yet): keep waiting for this attempt
            } catch (IOException e) {
                throw Failures.failed("cannot receive from BMC " + login.bmc() + ": " + e.getMessage(), e);
            }
            Packets.Inbound in =
                    Packets.parse(receive, datagram.getLength(), session == null ? null : session.crypto());
            if (in == null || session != null && !received.accept(in.sequence())) {
                continue; // not for us, or a duplicate or replay of what the BMC sent in the session
            }
            if (answers.test(in)) {
                return in;
            }
        }
    }

    /** No answer after every attempt; a failure once no new session can help. */
    private static final class NoAnswer extends RuntimeException {
        private final transient BmcLogin login;
        private final String what;

        NoAnswer(BmcLogin login, String what) {
            super(what, null, false, false);
            this.login = login;
            this.what = what;
        }

        VirtException failure() {
            return Failures.timeout("BMC " + login.bmc() + " did not answer " + what + " within "
                    + login.timeout().toMillis() + " ms (" + login.attempts() + " attempts)");
        }
    }
}
