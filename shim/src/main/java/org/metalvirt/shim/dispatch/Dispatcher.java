package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.RejectedExecutionException;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.io.BehindReply;
import org.metalvirt.shim.dispatch.DriverTable.Binding;
import org.metalvirt.shim.protocol.Check;
import org.metalvirt.shim.protocol.Priority;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MalformedPacketException;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each CALL into a reply. On the I/O thread it only finds the procedure and decodes the
 * arguments; the checks every procedure shares (open? read-only?), the handler and the encoding
 * of the reply run on a worker — or, for a handler bound as answering from memory
 * ({@link DriverTable#bindInMemory}), right there on the I/O thread. Replies echo the call's program, version, procedure and serial
 * and go out in whatever order handlers finish.
 *
 * <p>A procedure bound to a {@link StreamHandler} opens a stream: its reply goes out first, then the
 * stream joins the connection's {@link Streams}, which route the client's STREAM packets to it.
 *
 * <p>Arguments that cannot be decoded — truncated, a string or array past its bound, invalid UTF-8,
 * trailing bytes — are answered with libvirtd's "Unable to decode message payload" and the
 * connection stays. Input that breaks the framing — a length out of bounds, a reply or event sent
 * by a client — is logged, counted and closes this connection only.
 */
final class Dispatcher extends SimpleChannelInboundHandler<Packet> {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Programs programs;
    private final Workers workers;
    private final DispatchLimits limits;
    private final WireStats stats;
    private final Session session;
    private final ReadPause pause;
    private final Streams streams;
    /** Reading again once the budget has room: one task for the connection, not one per call. */
    private final Runnable resumeReading;
    /**
     * A reply's write done: the call leaves the budget. Run by the promise on the I/O thread, one
     * listener for the connection, not a listener and a task per call.
     */
    private final ChannelFutureListener completion;

    private int inFlight;

    Dispatcher(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            Session session,
            Channel channel) {
        this.programs = programs;
        this.workers = workers;
        this.limits = limits;
        this.stats = stats;
        this.session = session;
        this.pause = new ReadPause(channel);
        this.streams = new Streams(channel, workers.executorFor(Priority.LOW), pause);
        CallBudget budget = workers.budget();
        this.resumeReading = () -> channel.eventLoop().execute(() -> pause.release(budget));
        this.completion = written -> completed();
    }

    /** What a call produced: the reply, and the stream it opened if it opened one. */
    private record Answer(Packet reply, StreamEnds opened) {}

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Packet packet) {
        Header header = packet.header();
        if (header.type() == MessageType.STREAM || header.type() == MessageType.STREAM_HOLE) {
            streams.receive(packet);
            return;
        }
        if (header.type() != MessageType.CALL) {
            malformed(ctx, "a client may not send " + header.type());
            return;
        }
        DriverTable table = programs.table(header.prog(), header.vers());
        if (table == null) {
            ctx.writeAndFlush(error(
                    header,
                    new VirtException(
                            ErrorNumber.RPC,
                            ErrorDomain.RPC,
                            "cannot find program " + Integer.toUnsignedString(header.prog()) + " version "
                                    + header.vers())));
            return;
        }
        Binding<?, ?> binding = table.lookup(header.proc());
        if (binding == DriverTable.NOT_YET) {
            bindThenDispatch(ctx, table, packet);
            return;
        }
        if (binding == null) {
            ctx.writeAndFlush(error(
                    header,
                    new VirtException(ErrorNumber.RPC, ErrorDomain.RPC, "unknown procedure: " + header.proc())));
            return;
        }
        if (!session.authenticated() && !binding.procedure().has(Check.BEFORE_AUTH)) {
            // libvirtd's answer, deliberately not VIR_ERR_AUTH_FAILED, for old clients.
            ctx.writeAndFlush(
                    error(header, new VirtException(ErrorNumber.RPC, ErrorDomain.RPC, "authentication required")));
            return;
        }
        Object args = null;
        try {
            if (binding.served()) {
                args = Xdr.decode(binding.procedure().args(), packet.payload());
            }
        } catch (VirtException e) {
            // The frame was whole, so the stream is still in step: answer as libvirtd does and keep the connection.
            stats.countUndecodable();
            LOG.debug("{} {}: {}", session, binding.procedure(), e.getMessage());
            ctx.writeAndFlush(error(
                    header, new VirtException(ErrorNumber.RPC, ErrorDomain.RPC, "Unable to decode message payload")));
            return;
        }
        submit(ctx, header, binding, args);
    }

    /**
     * A call that came before its area was bound (in a daemon's first half second, before the
     * warm-up binds every area): the area is bound on a worker, some 20 ms for the domain area, and
     * the call then dispatched here as any other. Calls read meanwhile may be answered first, as
     * calls on libvirtd's workers may be.
     */
    private void bindThenDispatch(ChannelHandlerContext ctx, DriverTable table, Packet packet) {
        try {
            workers.executorFor(Priority.LOW).execute(() -> {
                try {
                    table.bindFor(packet.header().proc());
                } catch (RuntimeException e) {
                    LOG.error(
                            "binding the handlers of procedure {} failed",
                            packet.header().proc(),
                            e);
                } finally {
                    ctx.executor().execute(() -> channelRead0(ctx, packet));
                }
            });
        } catch (RejectedExecutionException e) {
            ctx.writeAndFlush(shuttingDown(packet.header()));
        }
    }

    private void reply(ChannelHandlerContext ctx, Binding<?, ?> binding, Packet reply, Runnable afterReply) {
        // Every listener attached before the write: it runs on the I/O thread as the write completes,
        // before the client's answer to this reply can be read. Attached after it by a worker, to a
        // write the woken I/O thread had already done, each was one more task handed to that thread.
        ChannelPromise promise = ctx.newPromise();
        if (afterReply != null) {
            promise.addListener(done -> afterReply.run());
        }
        promise.addListener(completion);
        if (binding.procedure().has(Check.CLOSE_AFTER_REPLY) && reply.header().status() == MessageStatus.OK) {
            promise.addListener(ChannelFutureListener.CLOSE);
        }
        ctx.writeAndFlush(reply, promise);
    }

    private void submit(ChannelHandlerContext ctx, Header header, Binding<?, ?> binding, Object args) {
        if (++inFlight >= limits.maxRequestsPerClient()) {
            pause.hold(this);
        }
        CallBudget budget = workers.budget();
        if (!budget.take(resumeReading)) {
            pause.hold(budget);
        }
        if (binding.inMemory()) {
            answer(ctx, header, binding, args);
            return;
        }
        try {
            workers.executorFor(binding.procedure().priority())
                    .execute(() -> answerOnWorker(ctx, header, binding, args));
        } catch (RejectedExecutionException e) {
            completed();
            ctx.writeAndFlush(shuttingDown(header));
        }
    }

    /**
     * A worker's call: file work it put behind its reply ({@link BehindReply}) runs once the reply
     * is handed to the I/O thread, which writes it meanwhile.
     */
    private void answerOnWorker(ChannelHandlerContext ctx, Header header, Binding<?, ?> binding, Object args) {
        BehindReply.serving(
                () -> answer(ctx, header, binding, args),
                e -> LOG.warn("after the reply to {}: {}", binding.procedure(), e.toString()));
    }

    /** Runs the call and sends its reply: on a worker, or on the I/O thread for a call answered from memory. */
    private void answer(ChannelHandlerContext ctx, Header header, Binding<?, ?> binding, Object args) {
        Answer answer = call(header, binding, args);
        // Taken on this thread, right after the call that asked for it.
        Runnable afterReply = session.takeAfterReply();
        if (answer.opened() == null) {
            reply(ctx, binding, answer.reply(), afterReply);
            return;
        }
        // One task on the I/O thread: the client has the reply before any stream data, and
        // the stream is open before the I/O thread can read the client's first packet for it.
        ctx.executor().execute(() -> {
            reply(ctx, binding, answer.reply(), afterReply);
            streams.open(header, answer.opened());
        });
    }

    /** On the I/O thread; resuming reading only re-arms it (epoll reads on its next turn), never reads here. */
    private void completed() {
        workers.budget().give();
        if (--inFlight < limits.maxRequestsPerClient()) {
            pause.release(this);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Answer call(Header header, Binding binding, Object args) {
        Procedure procedure = binding.procedure();
        long started = System.nanoTime();
        ErrorNumber failed = null;
        try {
            check(procedure, args);
            if (!binding.served()) {
                throw procedure.notServed();
            }
            StreamEnds opened =
                    binding.opener() == null ? null : binding.opener().open(session, args);
            Object ret = opened == null ? binding.handler().handle(session, args) : null;
            byte[] payload = Xdr.encode(procedure.ret(), ret);
            if (payload.length > Packet.MAX_MESSAGE - Header.SIZE) {
                throw new VirtException(
                        ErrorNumber.RPC,
                        ErrorDomain.RPC,
                        procedure.name() + " reply of " + payload.length + " bytes exceeds the packet limit");
            }
            return new Answer(new Packet(header.reply(MessageStatus.OK), payload), opened);
        } catch (VirtException e) {
            failed = e.number();
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} failed: {}", session, procedure, e.toString());
            }
            return new Answer(error(header, e), null);
        } catch (RuntimeException e) {
            failed = ErrorNumber.INTERNAL_ERROR;
            LOG.error("{} {} failed unexpectedly", session, procedure, e);
            VirtException internal = new VirtException(
                    ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "internal error in " + procedure.name() + ": " + e);
            return new Answer(error(header, internal), null);
        } finally {
            stats.metrics().call(header.prog(), procedure.name(), failed, System.nanoTime() - started);
        }
    }

    /**
     * What libvirt's public API checks before any driver: an open connection, write access, known
     * flags (not for a call not served, whose arguments are not decoded: {@code null}).
     */
    private <A> void check(Procedure<A, ?> procedure, A args) {
        if (!procedure.has(Check.BEFORE_OPEN) && !session.isOpen()) {
            throw Session.notOpen();
        }
        if (session.readOnly() && procedure.needsWrite(args)) {
            throw new VirtException(
                    ErrorNumber.OPERATION_DENIED,
                    procedure.apiDomain(),
                    "operation forbidden: "
                            + (procedure.has(Check.WRITE)
                                    ? "read only access prevents " + procedure.api()
                                    : procedure.api() + " with secure flag"));
        }
        if (args != null) {
            procedure.checkFlags(args);
        }
    }

    private static Packet shuttingDown(Header call) {
        return error(
                call, new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "the daemon is shutting down"));
    }

    private static Packet error(Header call, VirtException e) {
        return new Packet(call.reply(MessageStatus.ERROR), remoteError(e));
    }

    /** The payload of an error, in a REPLY or a STREAM packet alike. */
    static byte[] remoteError(VirtException e) {
        return Xdr.encode(
                RemoteError.class, RemoteError.of(e.number().code(), e.domain().code(), e.getMessage()));
    }

    private void malformed(ChannelHandlerContext ctx, String reason) {
        stats.countMalformed();
        ClientWarnings.SHARED.warn(LOG, "closing {}: {}", session, reason);
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        streams.writabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        streams.connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof MalformedPacketException || cause.getCause() instanceof MalformedPacketException) {
            malformed(ctx, cause.getMessage());
        } else {
            LOG.debug("closing {}: {}", session, cause.toString());
            ctx.close();
        }
    }
}
