package org.metalvirt.shim.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.ProcedureTable;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.testing.TestHosts;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/**
 * The daemon's real pipeline on an {@link EmbeddedChannel}: no sockets, no threads. Handlers run
 * when {@link #runWorkers()} is called (or at once, with {@link #direct}), so tests control
 * exactly what is in flight.
 */
final class EmbeddedRpc implements AutoCloseable {

    final EmbeddedChannel channel;
    final WireStats stats = new WireStats();
    private final Queue<Runnable> queued = new ArrayDeque<>();

    private EmbeddedRpc(DriverTable table, DispatchLimits limits, boolean readOnlySocket, boolean direct) {
        this(table, limits, readOnlySocket, direct, CallBudget.UNBOUNDED);
    }

    private EmbeddedRpc(
            DriverTable table, DispatchLimits limits, boolean readOnlySocket, boolean direct, CallBudget budget) {
        Executor executor = direct ? Runnable::run : queued::add;
        Programs programs = new Programs()
                .serve(Program.REMOTE, table)
                .serve(Program.QEMU, new DriverTable(ProcedureTable.empty()));
        channel = new EmbeddedChannel(new RpcPipeline(
                programs,
                new Workers(executor, executor, budget),
                limits,
                stats,
                new ServerClients("libvirtd", limits.maxClients(), 20),
                new ClientSlots(limits),
                Listener.plain(Transport.TCP, readOnlySocket, ListenerAuth.NONE),
                peer -> true));
    }

    static EmbeddedRpc direct() {
        return new EmbeddedRpc(TestHosts.table(), DispatchLimits.DEFAULT, false, true);
    }

    static EmbeddedRpc direct(DriverTable table, boolean readOnlySocket) {
        return new EmbeddedRpc(table, DispatchLimits.DEFAULT, readOnlySocket, true);
    }

    static EmbeddedRpc queued(DispatchLimits limits) {
        return new EmbeddedRpc(TestHosts.table(), limits, false, false);
    }

    /** A connection whose calls count against {@code budget}, which other connections may share. */
    static EmbeddedRpc queued(CallBudget budget) {
        return new EmbeddedRpc(TestHosts.table(), DispatchLimits.DEFAULT, false, false, budget);
    }

    static EmbeddedRpc queued(DriverTable table) {
        return new EmbeddedRpc(table, DispatchLimits.DEFAULT, false, false);
    }

    /** Calls of {@code table} on queued workers, counted against {@code budget}. */
    static EmbeddedRpc queued(DriverTable table, CallBudget budget) {
        return new EmbeddedRpc(table, DispatchLimits.DEFAULT, false, false, budget);
    }

    void runWorkers() {
        Runnable task;
        while ((task = queued.poll()) != null) {
            task.run();
        }
        channel.runPendingTasks();
    }

    void send(ByteBuf framed) {
        channel.writeInbound(framed);
        channel.runPendingTasks();
    }

    <A> void send(Procedure<A, ?> procedure, int serial, A args) {
        send(Wire.call(procedure, serial, args));
    }

    /** The next packet the daemon wrote, or null. */
    Packet next() {
        ByteBuf out = channel.readOutbound();
        return out == null ? null : Wire.parse(out);
    }

    /** Calls a procedure and returns its successful reply. */
    <A, R> R call(Procedure<A, R> procedure, A args) {
        send(procedure, 100, args);
        Packet reply = next();
        if (reply == null) {
            throw new AssertionError(procedure + " got no reply");
        }
        if (reply.header().status() != MessageStatus.OK) {
            throw new AssertionError(procedure + " failed: " + Xdr.decode(RemoteError.class, reply.payload()));
        }
        return Xdr.decode(procedure.ret(), reply.payload());
    }

    /** Calls a procedure that must fail, and returns the error. */
    <A> RemoteError fail(Procedure<A, ?> procedure, A args) {
        send(procedure, 101, args);
        Packet reply = next();
        if (reply == null || reply.header().status() != MessageStatus.ERROR) {
            throw new AssertionError(procedure + " did not fail: " + reply);
        }
        return Xdr.decode(RemoteError.class, reply.payload());
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
