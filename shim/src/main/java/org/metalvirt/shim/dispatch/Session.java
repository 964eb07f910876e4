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
    private final ListenerAuth auth;
    private volatile Connection connection;
    private volatile boolean authenticated;
    private volatile String identity = "";
    private volatile Object saslExchange;
    private volatile Runnable afterReply;

    Session(Channel channel, Listener listener, Runnable keepaliveStarter) {
        this.channel = channel;
        this.transport = listener.transport();
        this.readOnlySocket = listener.readOnlySocket();
        this.keepaliveStarter = keepaliveStarter;
        this.auth = listener.auth();
        this.authenticated = auth == ListenerAuth.NONE;
    }

    /** What the listener the client came in on asks of it before any other call. */
    public ListenerAuth auth() {
        return auth;
    }

    /** True once the listener's authentication is done (at once where it asks for none). */
    public boolean authenticated() {
        return authenticated;
    }

    /** The client proved who it is; {@code who} names it in the logs (a SASL user). */
    public void authenticated(String who) {
        identity(who);
        authenticated = true;
    }

    /** Who the client is, for the logs: its certificate's DN, its Unix credentials, its SASL name. */
    void identity(String who) {
        identity = identity.isEmpty() ? who : identity + " " + who;
    }

    /** The authentication exchange in progress, owned by the authentication handlers. */
    public <T> T saslExchange(Class<T> type) {
        Object exchange = saslExchange;
        return type.isInstance(exchange) ? type.cast(exchange) : null;
    }

    /** Keeps {@code exchange} until the authentication completes or fails ({@code null}: none). */
    public void keepSaslExchange(Object exchange) {
        saslExchange = exchange;
    }

    /**
     * Runs {@code action} on the I/O thread once the reply to the call in progress has been
     * written, before anything else is read: a security layer starts after the final SASL reply.
     */
    public void afterReply(Runnable action) {
        afterReply = action;
    }

    Runnable takeAfterReply() {
        Runnable action = afterReply;
        afterReply = null;
        return action;
    }

    /** Adds a handler in front of the RPC framing: the SASL security layer. */
    public void addBeforeFraming(String name, io.netty.channel.ChannelHandler handler) {
        channel.pipeline().addBefore(RpcPipeline.FRAMES, name, handler);
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
        // Attached before the write, as a reply's listeners are (Dispatcher.reply): not one more task.
        channel.writeAndFlush(packet, channel.newPromise().addListener(done -> written.run()));
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
        return "Session[" + transport + " " + channel.remoteAddress() + (identity.isEmpty() ? "" : " " + identity)
                + (readOnly() ? ", read-only" : "") + "]";
    }
}
