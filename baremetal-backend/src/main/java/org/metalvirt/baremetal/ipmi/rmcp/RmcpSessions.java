package org.metalvirt.baremetal.ipmi.rmcp;

import java.util.HashMap;
import java.util.Map;

/**
 * The daemon's RMCP+ sessions, one per BMC, user and cipher suite: every node on a BMC, its polls
 * and its power changes share it (a rack controller may reach one BMC for several nodes, and BMCs
 * allow few sessions). A lease per user; the last one closed closes the session on the BMC.
 */
public final class RmcpSessions {

    private static final Map<BmcLogin.Key, Shared> SESSIONS = new HashMap<>();

    private static final class Shared {
        final RmcpSession session;
        int leases;

        Shared(RmcpSession session) {
            this.session = session;
        }
    }

    /** A user's hold on the shared session. */
    public static final class Lease implements AutoCloseable {
        private final BmcLogin.Key key;
        private final RmcpSession session;
        private boolean closed;

        private Lease(BmcLogin.Key key, RmcpSession session) {
            this.key = key;
            this.session = session;
        }

        public RmcpSession session() {
            return session;
        }

        @Override
        public void close() {
            RmcpSession last = null;
            synchronized (SESSIONS) {
                if (closed) {
                    return;
                }
                closed = true;
                Shared shared = SESSIONS.get(key);
                if (shared != null && shared.session == session && --shared.leases == 0) {
                    SESSIONS.remove(key);
                    last = session;
                }
            }
            if (last != null) {
                last.close(); // outside the registry's lock: it talks to the BMC
            }
        }
    }

    private RmcpSessions() {}

    /** The session for this login, shared with every other lease on the same BMC, user and suite. */
    public static Lease lease(BmcLogin login) {
        synchronized (SESSIONS) {
            Shared shared = SESSIONS.computeIfAbsent(login.key(), key -> new Shared(new RmcpSession(login)));
            shared.leases++;
            return new Lease(login.key(), shared.session);
        }
    }
}
