package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.wire.Packet;

/**
 * One client connection's libvirt state: how it came in, whether it has opened a driver
 * connection, and whether it asked for keepalive. Handlers read and change it from worker
 * threads, so every field is safely published.
 */
public final class Session {

    private volatile Runnable onOpen = () -> {};
    private final Channel channel;
    private final Transport transport;
    private final boolean readOnlySocket;
    private final Runnable keepaliveStarter;
    private volatile Connection connection;

    Session(Channel channel, Transport transport, boolean readOnlySocket, Runnable keepaliveStarter) {
        this.channel = channel;
        this.transport = transport;
        this.readOnlySocket = readOnlySocket;
        this.keepaliveStarter = keepaliveStarter;
    }

    public Transport transport() {
        return transport;
    }

    /** True when the client came in on a read-only socket; every connection it opens is read-only. */
    public boolean readOnlySocket() {
        return readOnlySocket;
    }

    /** True once this session can never change state: read-only socket, or opened read-only. */
    public boolean readOnly() {
        Connection open = connection;
        return readOnlySocket || (open != null && open.readOnly());
    }

    /** Records a successful open; a second one fails as libvirtd fails it. */
    public synchronized void open(Connection opened) {
        if (connection != null) {
            throw new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "connection already open");
        }
        connection = opened;
        onOpen.run();
    }

    /** Runs {@code action} once a connection is open: the client is no longer anonymous. */
    void onOpen(Runnable action) {
        onOpen = action;
    }

    public boolean isOpen() {
        return connection != null;
    }

    /** The open connection, as the driver that opened it sees it. */
    public <C extends Connection> C connection(Class<C> type) {
        Connection open = connection;
        if (open == null) {
            throw notOpen();
        }
        return type.cast(open);
    }

    static VirtException notOpen() {
        return new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "hypervisor connection not open");
    }

    /** The client probed keepalive support: from now on it is pinged when idle. */
    public void startKeepalive() {
        keepaliveStarter.run();
    }

    /**
     * Sends a packet the client did not ask for (an event); {@code written} runs once it has
     * left or failed, on the connection's I/O thread.
     */
    public void send(Packet packet, Runnable written) {
        channel.writeAndFlush(packet).addListener(done -> written.run());
    }

    /** Closes the connection, as when a client cannot keep up with its events. */
    public void close() {
        channel.close();
    }

    /** Runs {@code action} once the connection is closed, whoever closed it. */
    public void onClose(Runnable action) {
        channel.closeFuture().addListener(closed -> action.run());
    }

    @Override
    public String toString() {
        return "Session[" + transport + " " + channel.remoteAddress() + (readOnly() ? ", read-only" : "") + "]";
    }
}
