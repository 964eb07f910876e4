package org.metalvirt.shim.protocol;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.protocol.Types.RemoteDomain;

/**
 * One procedure of a program, declared once in its table ({@link RemoteProcedures}): its number,
 * its priority, the flags it accepts and what the dispatcher must check. Its name and the records
 * its arguments and reply are ({@code Void} for none) are the constant's name and type arguments,
 * which {@link ProcedureTable} reads: the name when the table is loaded, the records at the
 * procedure's first use.
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
    private volatile Declared declared;
    private volatile Records<A, R> records;
    private volatile Handles handles;

    /**
     * What the declaration says, set once by the table: the constant's name, and where its type
     * arguments (the args and ret records) are read from.
     */
    private record Declared(String name, ApiNames api, Supplier<Class<?>[]> records) {}

    /**
     * The args and ret records, and whether the args have {@code flags} and {@code dom} components:
     * read at the procedure's first use, not with the table. Reading them loads the records' classes,
     * which for every procedure of the tables was some 400 classes at each start, most of them of
     * procedures a daemon never serves or is never asked.
     */
    private record Records<A, R>(Class<A> args, Class<R> ret, boolean hasFlags, boolean hasDom) {}

    /**
     * The {@code flags} and {@code dom} components as handles read on every call, made at the
     * procedure's first call: making them for every procedure of the tables was a tenth of the
     * daemon's start.
     */
    private record Handles(MethodHandle flags, MethodHandle dom) {}

    private static final MethodType READ_FLAGS = MethodType.methodType(int.class, Object.class);
    private static final MethodType READ_DOM = MethodType.methodType(Object.class, Object.class);

    /**
     * How a program's procedures name their public API and report its errors: {@code vir} and
     * each API's family for the REMOTE program, {@code virAdm} and the admin domain for libvirt's
     * admin program.
     *
     * @param from the error domain of every call, or null to take it from the API's family
     */
    public record ApiNames(String prefix, ErrorDomain from) {
        public static final ApiNames REMOTE = new ApiNames("vir", null);
    }

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

    /**
     * A call that only reads, declared so that it is known: until a handler serves it (with its
     * records and priority), it is answered as libvirt answers a call its driver lacks.
     */
    public static Procedure<Void, Void> ro(int number) {
        return ro(number, Priority.HIGH);
    }

    /** A call that changes state, declared so that it is known; see {@link #ro(int)}. */
    public static Procedure<Void, Void> rw(int number) {
        return rw(number, Priority.HIGH);
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
        declare(name, ApiNames.REMOTE, () -> new Class<?>[] {args, ret});
    }

    /** Called once, by the table: {@code records} gives the args and ret records when first needed. */
    void declare(String name, ApiNames api, Supplier<Class<?>[]> records) {
        if (declared != null) {
            throw new IllegalStateException(declared.name() + " cannot also be declared as " + name);
        }
        declared = new Declared(name, api, records);
    }

    @SuppressWarnings("unchecked")
    private Records<A, R> records() {
        Records<A, R> known = records;
        if (known == null) {
            // Two first uses at once may both read them: the same records.
            Class<?>[] types = declared().records().get();
            Class<A> args = (Class<A>) types[0];
            boolean hasFlags = component(args, "flags", int.class) != null;
            if (!hasFlags && accepts != FlagMask.NONE) {
                throw new IllegalStateException(
                        name() + ": " + args.getSimpleName() + " has no flags to accept " + accepts);
            }
            known = new Records<>(
                    args, (Class<R>) types[1], hasFlags, component(args, "dom", RemoteDomain.class) != null);
            records = known;
        }
        return known;
    }

    private static RecordComponent component(Class<?> type, String name, Class<?> componentType) {
        if (!type.isRecord()) {
            return null;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name) && component.getType() == componentType) {
                return component;
            }
        }
        return null;
    }

    private Handles handles() {
        Handles known = handles;
        if (known == null) {
            // Two first calls at once may both make them: the same handles.
            Class<A> args = records().args();
            known = new Handles(
                    handle(component(args, "flags", int.class), READ_FLAGS),
                    handle(component(args, "dom", RemoteDomain.class), READ_DOM));
            handles = known;
        }
        return known;
    }

    private static MethodHandle handle(RecordComponent component, MethodType erased) {
        if (component == null) {
            return null;
        }
        Method accessor = component.getAccessor();
        accessor.setAccessible(true); // records may be package-private, as the XDR codec allows
        try {
            return MethodHandles.lookup().unreflect(accessor).asType(erased);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Declared declared() {
        Declared known = declared;
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
        return records().args();
    }

    public Class<R> ret() {
        return records().ret();
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

    /**
     * Whether this call asks for what a read-only connection may not have: a change, or secrets.
     * A call not decoded ({@code null}, as for a procedure not served) is judged by its kind alone.
     */
    public boolean needsWrite(A call) {
        MethodHandle flags = handles().flags();
        return has(Check.WRITE) || (call != null && flags != null && secure.any(flags(flags, call)));
    }

    /**
     * The public API this procedure serves, as libvirt names it: {@code DOMAIN_GET_XML_DESC} is
     * {@code virDomainGetXMLDesc}. Words libvirt writes as acronyms keep their case.
     */
    public String api() {
        String exception = API_EXCEPTIONS.get(name());
        if (exception != null) {
            return exception;
        }
        StringBuilder api = new StringBuilder(declared().api().prefix());
        for (String word : name().split("_")) {
            api.append(
                    WORDS.getOrDefault(word, word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT)));
        }
        return api.toString();
    }

    private static final Map<String, String> WORDS = words(
            "XML",
            "XML2",
            "UUID",
            "URI",
            "ID",
            "MAC",
            "CPU",
            "OS",
            "NMI",
            "PM",
            "FD",
            "SCSI",
            "WWN",
            "DHCP",
            "SEV",
            "SSH",
            "NWFilter",
            "NWFilters",
            "FSTrim",
            "FSFreeze",
            "FSThaw",
            "FSInfo",
            "IOThread",
            "ThreadPool");

    /** The callback-style event registrations are the ordinary public APIs. */
    private static final Map<String, String> API_EXCEPTIONS = Map.of(
            "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", "virConnectDomainEventRegisterAny",
            "CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY", "virConnectDomainEventDeregisterAny");

    private static Map<String, String> words(String... spellings) {
        return Arrays.stream(spellings).collect(Collectors.toUnmodifiableMap(w -> w.toUpperCase(Locale.ROOT), w -> w));
    }

    /**
     * Where libvirt reports this call's errors from: the error domain of the file its public API
     * lives in ({@code libvirt-network.c} reports from the network domain, and so on).
     */
    public ErrorDomain apiDomain() {
        if (declared().api().from() != null) {
            return declared().api().from();
        }
        String api = api();
        for (Map.Entry<String, ErrorDomain> family : FAMILIES) {
            if (api.contains(family.getKey())) {
                return family.getValue();
            }
        }
        if (api.equals("virConnectOpen") || api.equals("virConnectClose")) {
            return ErrorDomain.NONE; // libvirt.c's own
        }
        return api.startsWith("virInterface") || api.matches("virConnect\\w*Interface\\w*")
                ? ErrorDomain.INTERFACE
                : ErrorDomain.DOMAIN;
    }

    /** Checked in order: a snapshot's API names its domain, a network filter's its network. */
    private static final List<Map.Entry<String, ErrorDomain>> FAMILIES = List.of(
            Map.entry("NWFilter", ErrorDomain.NWFILTER),
            Map.entry("Snapshot", ErrorDomain.DOMAIN_SNAPSHOT),
            Map.entry("Checkpoint", ErrorDomain.DOMAIN_CHECKPOINT),
            Map.entry("Network", ErrorDomain.NETWORK),
            Map.entry("Storage", ErrorDomain.STORAGE),
            Map.entry("NodeDevice", ErrorDomain.NODEDEV),
            Map.entry("NodeNumOfDevices", ErrorDomain.NODEDEV),
            Map.entry("NodeListDevices", ErrorDomain.NODEDEV),
            Map.entry("Secret", ErrorDomain.SECRET));

    /**
     * What libvirtd answers when this call reaches a driver that lacks it, and what a handler
     * answers when the server cannot give what the call asks: "not supported" from the API's
     * error domain; for the SASL and polkit steps, which no driver serves, a failed
     * authentication, as libvirtd answers them when that method is not configured.
     */
    public VirtException notServed() {
        if (name().startsWith("AUTH_")) {
            return new VirtException(
                    ErrorNumber.AUTH_FAILED, ErrorDomain.RPC, "authentication failed: authentication failed");
        }
        return new VirtException(
                ErrorNumber.NO_SUPPORT,
                apiDomain(),
                "this function is not supported by the connection driver: " + api());
    }

    /** Refuses flags the procedure does not declare, naming its public API. */
    public void checkFlags(A call) {
        MethodHandle flags = handles().flags();
        if (flags == null) {
            return;
        }
        int given = flags(flags, call);
        if (accepts.refuses(given)) { // the API's name is spelled for the error only
            ErrorDomain from = declared().api().from();
            accepts.check(given, api(), from != null ? from : ErrorDomain.DOMAIN);
        }
    }

    /** True when the args name a domain ({@code remote_nonnull_domain dom}). */
    public boolean takesDomain() {
        return records().hasDom();
    }

    /** The domain the args name. */
    public RemoteDomain domain(A call) {
        if (!takesDomain()) {
            throw new IllegalStateException(this + " takes no domain");
        }
        return (RemoteDomain) read(handles().dom(), call);
    }

    private static int flags(MethodHandle accessor, Object record) {
        try {
            return (int) accessor.invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(MethodHandle accessor, Object record) {
        try {
            return accessor.invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        Declared known = declared;
        return (known == null ? "?" : known.name()) + "(" + number + ")";
    }
}
