package org.metalvirt.shim.dispatch;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.ProcedureTable;

/**
 * The driver table of one program: each served procedure bound to its handler, as libvirt's
 * {@code virHypervisorDriver} binds entry points to functions. A call the program declares and
 * nobody binds is answered as libvirtd answers a call its driver lacks ("not supported"); a number
 * the program does not declare, or an event's, is an "unknown procedure".
 */
public final class DriverTable {

    /**
     * A procedure with its handler, or with the handler that opens its stream; neither for a call
     * declared and not served, whose arguments are then not even decoded. {@code inMemory}: the
     * handler answers from memory and runs on the connection's I/O thread.
     */
    record Binding<A, R>(Procedure<A, R> procedure, Handler<A, R> handler, StreamHandler<A> opener, boolean inMemory) {

        boolean served() {
            return handler != null || opener != null;
        }
    }

    /**
     * What {@link #lookup} answers for a procedure an area not bound yet may bind: the caller has
     * {@link #bindFor} bind it off the I/O thread, then looks again.
     */
    static final Binding<?, ?> NOT_YET = new Binding<>(null, null, null, false);

    private static final int MAX_INDEXED = 4096;

    private final ProcedureTable declared;
    /** Written under this table's lock; read by the I/O threads through {@link #byNumber}, or here past it. */
    private final Map<Integer, Binding<?, ?>> bindings = new ConcurrentHashMap<>();
    /**
     * The same bindings by procedure number (libvirt's are dense, up to a few hundred): no boxing
     * per call, and no lock once a procedure is bound (a binding is immutable; a reader that sees
     * no binding yet takes the lock and looks again).
     */
    private volatile Binding<?, ?>[] byNumber = new Binding<?, ?>[0];
    /** Areas whose handlers are not bound yet ({@link #bindLater}). */
    private final Deque<Consumer<DriverTable>> unbound = new ArrayDeque<>();
    /** Whether {@link #unbound} holds any: read without the lock, which an area's binding holds for ms. */
    private volatile boolean pending;

    /** A table for the program whose procedures {@code declared} holds. */
    public DriverTable(ProcedureTable declared) {
        this.declared = Objects.requireNonNull(declared, "declared");
    }

    public <A, R> DriverTable bind(Procedure<A, R> procedure, Handler<A, R> handler) {
        Objects.requireNonNull(handler, "handler");
        return put(new Binding<>(procedure, handler, null, false));
    }

    /**
     * Binds a handler that answers from what the daemon holds in memory, never waiting on a lock,
     * a file, a process or the hardware: it runs on the connection's I/O thread. The hand-off to a
     * worker and back costs two thread wake-ups, most of what such a call costs the server.
     */
    public <A, R> DriverTable bindInMemory(Procedure<A, R> procedure, Handler<A, R> handler) {
        Objects.requireNonNull(handler, "handler");
        return put(new Binding<>(procedure, handler, null, true));
    }

    /** Binds a procedure that opens a stream; its reply is empty, as libvirt's stream calls' are. */
    public <A> DriverTable bindStream(Procedure<A, Void> procedure, StreamHandler<A> opener) {
        Objects.requireNonNull(opener, "opener");
        return put(new Binding<>(procedure, null, opener, false));
    }

    /**
     * Binds an area's handlers (its {@code bindTo}) later, not now: linking every area's handlers,
     * and loading their records and code, was 25 ms of a start's CPU before its first answer. They
     * are bound by {@link #bindPending}, or, when a call asks first for a procedure no area bound
     * yet, by {@link #bindFor} on a worker: areas in the order given, each once, until one binds it
     * (a procedure nobody serves binds them all); the domain area takes some 20 ms of it, once.
     */
    public synchronized DriverTable bindLater(Consumer<DriverTable> area) {
        unbound.add(Objects.requireNonNull(area, "area"));
        pending = true;
        return this;
    }

    private synchronized DriverTable put(Binding<?, ?> binding) {
        Procedure<?, ?> procedure = binding.procedure();
        if (procedure.event()) {
            throw new IllegalArgumentException(procedure + " is an event: it is sent, never served");
        }
        Binding<?, ?> previous = bindings.putIfAbsent(procedure.number(), binding);
        if (previous != null) {
            throw new IllegalStateException(procedure + " is already bound");
        }
        int number = procedure.number();
        if (number >= 0 && number < MAX_INDEXED) {
            Binding<?, ?>[] indexed = byNumber;
            if (number >= indexed.length) {
                indexed = Arrays.copyOf(indexed, Math.max(number + 1, indexed.length * 2));
            }
            indexed[number] = binding;
            byNumber = indexed;
        }
        return this;
    }

    /**
     * The binding for a call's procedure number, null for an unknown procedure, or {@link #NOT_YET}
     * while areas not bound yet may bind it. Never waits for an area's binding: the I/O threads ask.
     */
    Binding<?, ?> lookup(int number) {
        Binding<?, ?>[] indexed = byNumber;
        Binding<?, ?> bound = number >= 0 && number < indexed.length ? indexed[number] : null;
        if (bound == null && (number < 0 || number >= indexed.length)) {
            bound = bindings.get(number);
        }
        if (bound != null) {
            return bound;
        }
        return pending ? NOT_YET : unbound(number);
    }

    /** A number no area binds, every area bound: declared and not served, or unknown. */
    private Binding<?, ?> unbound(int number) {
        Procedure<?, ?> procedure = declared.get(number);
        return procedure == null || procedure.event() ? null : new Binding<>(procedure, null, null, false);
    }

    /** Binds areas, in order, until one binds {@code number}: every area, for a procedure nobody serves. */
    synchronized void bindFor(int number) {
        try {
            while (!bindings.containsKey(number) && !unbound.isEmpty()) {
                unbound.remove().accept(this);
            }
        } finally {
            pending = !unbound.isEmpty();
        }
    }

    /** Binds every area not bound yet: the daemon does, off the I/O threads, once its first clients have opened. */
    public void bindPending() {
        // An area at a time, the lock released between: a call's lookup waits for one area at most.
        boolean more = true;
        while (more) {
            more = bindNext();
        }
    }

    private synchronized boolean bindNext() {
        Consumer<DriverTable> area = unbound.poll();
        try {
            if (area != null) {
                area.accept(this);
            }
        } finally {
            pending = !unbound.isEmpty();
        }
        return area != null;
    }

    /** Whether a handler serves this procedure; every area is bound first. */
    public boolean serves(int procedure) {
        bindPending();
        synchronized (this) {
            return bindings.containsKey(procedure);
        }
    }
}
