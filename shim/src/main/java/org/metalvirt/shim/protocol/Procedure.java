package org.metalvirt.shim.protocol;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.metalvirt.shim.protocol.Types.RemoteDomain;

/**
 * One procedure of a program, declared once in its table ({@link RemoteProcedures}): its number,
 * its priority, the flags it accepts and what the dispatcher must check. Its name and the records
 * its arguments and reply are ({@code Void} for none) are the constant's name and type arguments,
 * which {@link ProcedureTable} reads when the table is loaded.
 *
 * <p>As libvirt's generator reads {@code remote_protocol.x}, the args record's component named
 * {@code flags} is the call's flags and the one named {@code dom} the domain it acts on.
 *
 * @param <A> the args record; for an event, the message record
 * @param <R> the ret record
 */
public final class Procedure<A, R> {

    private final int number;
    private final Priority priority;
    private final Set<Check> checks;
    private final FlagMask accepts;
    private final FlagMask secure;
    private final boolean event;
    private volatile Declared<A, R> declared;

    /** What the declaration says: set once, by the table, from the constant's name and type. */
    private record Declared<A, R>(String name, Class<A> args, Class<R> ret, Method flags, Method dom) {}

    private Procedure(int number, Priority priority, FlagMask accepts, boolean event, Check... checks) {
        this(
                number,
                priority,
                accepts,
                FlagMask.NONE,
                event,
                checks.length == 0 ? EnumSet.noneOf(Check.class) : EnumSet.of(checks[0], checks));
    }

    private Procedure(
            int number, Priority priority, FlagMask accepts, FlagMask secure, boolean event, Set<Check> checks) {
        this.number = number;
        this.priority = Objects.requireNonNull(priority, "priority");
        this.accepts = Objects.requireNonNull(accepts, "accepts");
        this.secure = Objects.requireNonNull(secure, "secure");
        this.event = event;
        this.checks = checks;
    }

    /**
     * Flags that ask for secrets (a domain's passwords and keys): a call with any of them needs a
     * read-write connection, as libvirt's public API requires before any driver.
     */
    public record Secrets(FlagMask flags) {}

    public static Secrets secure(LibvirtFlag... flags) {
        return new Secrets(FlagMask.of(flags));
    }

    /** A call that only reads, unless its flags ask for {@code secrets}. */
    public static <A, R> Procedure<A, R> ro(int number, Priority priority, FlagMask accepts, Secrets secrets) {
        return new Procedure<>(number, priority, accepts, secrets.flags(), false, EnumSet.noneOf(Check.class));
    }

    /** A call that only reads. */
    public static <A, R> Procedure<A, R> ro(int number, Priority priority) {
        return new Procedure<>(number, priority, FlagMask.NONE, false);
    }

    public static <A, R> Procedure<A, R> ro(int number, Priority priority, FlagMask accepts) {
        return new Procedure<>(number, priority, accepts, false);
    }

    /** A call that changes state: refused on a read-only connection. */
    public static <A, R> Procedure<A, R> rw(int number, Priority priority) {
        return new Procedure<>(number, priority, FlagMask.NONE, false, Check.WRITE);
    }

    public static <A, R> Procedure<A, R> rw(int number, Priority priority, FlagMask accepts) {
        return new Procedure<>(number, priority, accepts, false, Check.WRITE);
    }

    /** A call served before {@code CONNECT_OPEN}: authentication, open and close, feature probes. */
    public static <A, R> Procedure<A, R> early(int number, FlagMask accepts, Check... checks) {
        return new Procedure<>(
                number,
                Priority.HIGH,
                accepts,
                false,
                EnumSet.of(Check.BEFORE_OPEN, checks).toArray(Check[]::new));
    }

    /** An event: a MESSAGE the daemon sends with the args record as its payload, never called. */
    public static <M> Procedure<M, Void> event(int number) {
        return new Procedure<>(number, Priority.HIGH, FlagMask.NONE, true);
    }

    /** A procedure outside any table, for tests of the dispatcher. */
    public static <A, R> Procedure<A, R> named(
            String name, int number, Priority priority, Class<A> args, Class<R> ret, Check... checks) {
        Procedure<A, R> procedure = new Procedure<>(number, priority, FlagMask.NONE, false, checks);
        procedure.declare(name, args, ret);
        return procedure;
    }

    /** Called once, by the table that declares this procedure. */
    void declare(String name, Class<A> args, Class<R> ret) {
        if (declared != null) {
            throw new IllegalStateException(declared.name() + " cannot also be declared as " + name);
        }
        Method flags = component(args, "flags", int.class);
        if (flags == null && accepts != FlagMask.NONE) {
            throw new IllegalStateException(name + ": " + args.getSimpleName() + " has no flags to accept " + accepts);
        }
        declared = new Declared<>(name, args, ret, flags, component(args, "dom", RemoteDomain.class));
    }

    private static Method component(Class<?> type, String name, Class<?> componentType) {
        if (!type.isRecord()) {
            return null;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name) && component.getType() == componentType) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true); // records may be package-private, as the XDR codec allows
                return accessor;
            }
        }
        return null;
    }

    private Declared<A, R> declared() {
        Declared<A, R> known = declared;
        if (known == null) {
            throw new IllegalStateException("procedure " + number + " is not declared in a table");
        }
        return known;
    }

    public int number() {
        return number;
    }

    public String name() {
        return declared().name();
    }

    public Class<A> args() {
        return declared().args();
    }

    public Class<R> ret() {
        return declared().ret();
    }

    public Priority priority() {
        return priority;
    }

    public boolean has(Check check) {
        return checks.contains(check);
    }

    public FlagMask accepts() {
        return accepts;
    }

    /** True for an event, which is sent and never served. */
    public boolean event() {
        return event;
    }

    /** Whether this call asks for what a read-only connection may not have: a change, or secrets. */
    public boolean needsWrite(A call) {
        Method flags = declared().flags();
        return has(Check.WRITE) || (flags != null && secure.any((int) read(flags, call)));
    }

    /**
     * The public API this procedure serves, as libvirt names it: {@code DOMAIN_GET_XML_DESC} is
     * {@code virDomainGetXMLDesc}. Words libvirt writes as acronyms stay upper case.
     */
    public String api() {
        StringBuilder api = new StringBuilder("vir");
        for (String word : name().split("_")) {
            api.append(
                    ACRONYMS.contains(word)
                            ? word
                            : word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT));
        }
        return api.toString();
    }

    private static final Set<String> ACRONYMS =
            Set.of("XML", "UUID", "URI", "ID", "CPU", "FS", "FD", "SCSI", "WWN", "NMI");

    /** Refuses flags the procedure does not declare. */
    public void checkFlags(A call) {
        Method flags = declared().flags();
        if (flags != null) {
            accepts.check((int) read(flags, call));
        }
    }

    /** True when the args name a domain ({@code remote_nonnull_domain dom}). */
    public boolean takesDomain() {
        return declared().dom() != null;
    }

    /** The domain the args name. */
    public RemoteDomain domain(A call) {
        if (!takesDomain()) {
            throw new IllegalStateException(this + " takes no domain");
        }
        return (RemoteDomain) read(declared().dom(), call);
    }

    private static Object read(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        Declared<A, R> known = declared;
        return (known == null ? "?" : known.name()) + "(" + number + ")";
    }
}
