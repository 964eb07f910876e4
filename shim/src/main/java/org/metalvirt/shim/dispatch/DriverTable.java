package org.metalvirt.shim.dispatch;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.metalvirt.shim.protocol.Procedure;

/**
 * The driver table: each served procedure bound to its handler, as libvirt's
 * {@code virHypervisorDriver} binds entry points to functions. A procedure missing here is not
 * served, and the dispatcher answers it with "unknown procedure".
 */
public final class DriverTable {

    /** A procedure with its handler, or with the handler that opens its stream. */
    record Binding<A, R>(Procedure<A, R> procedure, Handler<A, R> handler, StreamHandler<A> opener) {}

    private final Map<Integer, Binding<?, ?>> bindings = new HashMap<>();

    public <A, R> DriverTable bind(Procedure<A, R> procedure, Handler<A, R> handler) {
        Objects.requireNonNull(handler, "handler");
        return put(new Binding<>(procedure, handler, null));
    }

    /** Binds a procedure that opens a stream; its reply is empty, as libvirt's stream calls' are. */
    public <A> DriverTable bindStream(Procedure<A, Void> procedure, StreamHandler<A> opener) {
        Objects.requireNonNull(opener, "opener");
        return put(new Binding<>(procedure, null, opener));
    }

    private DriverTable put(Binding<?, ?> binding) {
        Procedure<?, ?> procedure = binding.procedure();
        if (procedure.event()) {
            throw new IllegalArgumentException(procedure + " is an event: it is sent, never served");
        }
        Binding<?, ?> previous = bindings.putIfAbsent(procedure.number(), binding);
        if (previous != null) {
            throw new IllegalStateException(procedure + " is already bound");
        }
        return this;
    }

    Binding<?, ?> lookup(int procedure) {
        return bindings.get(procedure);
    }

    public boolean serves(int procedure) {
        return bindings.containsKey(procedure);
    }
}
