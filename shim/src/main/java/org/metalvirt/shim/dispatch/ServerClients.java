package org.metalvirt.shim.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * The clients of one of the daemon's servers, as libvirt's {@code virNetServer} keeps them: the
 * {@code libvirtd} server holds every client of the TCP and the two Unix sockets, the
 * {@code admin} server those of the admin socket. Ids start at 1 and are never reused. A client
 * counts as unauthenticated until it has opened a connection, which comes after any TLS handshake
 * and SASL exchange: what each socket's {@link ClientSlots} bound as anonymous. The limit on them
 * is kept and checked as libvirt keeps it.
 */
public final class ServerClients {

    /** The limits and counts libvirt's {@code virAdmServerGetClientLimits} reports. */
    public record Limits(int max, int current, int unauthMax, int unauthCurrent) {}

    private final String name;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Client> clients = new ConcurrentSkipListMap<>();
    private int max;
    private int unauthMax;

    public ServerClients(String name, int max, int unauthMax) {
        this.name = name;
        this.max = max;
        this.unauthMax = unauthMax;
    }

    public String name() {
        return name;
    }

    /** Registers a new client, or returns empty when the server already has its maximum. */
    synchronized Optional<Client> admit(Transport transport, String address, Optional<Peer> peer, Session session) {
        if (clients.size() >= max) {
            return Optional.empty();
        }
        long id = nextId.getAndIncrement();
        Client client = new Client(id, System.currentTimeMillis() / 1000, transport, address, peer, session);
        clients.put(id, client);
        session.onClose(() -> clients.remove(id));
        return Optional.of(client);
    }

    /** The connected clients, by id. */
    public List<Client> list() {
        return List.copyOf(clients.values());
    }

    /** The client with this id, or libvirt's "no client with matching id". */
    public Client lookup(long id) {
        Client client = clients.get(id);
        if (client == null) {
            throw new VirtException(
                    ErrorNumber.NO_CLIENT,
                    ErrorDomain.ADMIN,
                    "Client not found: no client with matching id '" + Long.toUnsignedString(id) + "' found");
        }
        return client;
    }

    public synchronized Limits limits() {
        int notOpen = (int) clients.values().stream()
                .filter(client -> !client.session().isOpen())
                .count();
        return new Limits(max, clients.size(), unauthMax, notOpen);
    }

    /**
     * Changes the limits, each only when given ({@code -1} leaves it). Clients above a lowered
     * maximum stay; new ones are refused until the count is below it again.
     */
    public synchronized void setLimits(long newMax, long newUnauthMax) {
        long resultMax = newMax >= 0 ? newMax : max;
        long resultUnauth = newUnauthMax >= 0 ? newUnauthMax : unauthMax;
        if (resultMax < resultUnauth) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.ADMIN,
                    "invalid argument: The overall maximum number of clients waiting for authentication must not be"
                            + " less than the overall maximum number of clients");
        }
        max = (int) Math.min(resultMax, Integer.MAX_VALUE);
        unauthMax = (int) Math.min(resultUnauth, Integer.MAX_VALUE);
    }
}
