package org.metalvirt.shim.protocol;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A program's procedures, read from the constants of the class or interface that declares them:
 * each constant's name becomes its procedure's name and its type arguments the procedure's args
 * and ret records, so each is written once.
 */
public final class ProcedureTable {

    private final Map<Integer, Procedure<?, ?>> byNumber;

    private ProcedureTable(Map<Integer, Procedure<?, ?>> byNumber) {
        this.byNumber = Collections.unmodifiableMap(byNumber);
    }

    /** The table of a program metalvirt declares nothing of: every call is an unknown procedure. */
    public static ProcedureTable empty() {
        return new ProcedureTable(Map.of());
    }

    static ProcedureTable of(Class<?> declaring) {
        return of(declaring, Procedure.ApiNames.REMOTE);
    }

    /** The table of a program whose APIs are named and report their errors as {@code api} says. */
    static ProcedureTable of(Class<?> declaring, Procedure.ApiNames api) {
        Map<Integer, Procedure<?, ?>> byNumber = new TreeMap<>();
        for (Field field : declaring.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != Procedure.class) {
                continue;
            }
            Procedure<?, ?> procedure = read(field);
            Type[] records = ((ParameterizedType) field.getGenericType()).getActualTypeArguments();
            declare(procedure, field.getName(), (Class<?>) records[0], (Class<?>) records[1], api);
            Procedure<?, ?> previous = byNumber.putIfAbsent(procedure.number(), procedure);
            if (previous != null) {
                throw new IllegalStateException(field.getName() + " has the number of " + previous);
            }
        }
        return new ProcedureTable(byNumber);
    }

    @SuppressWarnings("unchecked")
    private static <A, R> void declare(
            Procedure<A, R> procedure, String name, Class<?> args, Class<?> ret, Procedure.ApiNames api) {
        procedure.declare(name, (Class<A>) args, (Class<R>) ret, api);
    }

    private static Procedure<?, ?> read(Field field) {
        try {
            return (Procedure<?, ?>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The procedure with this number, or null. */
    public Procedure<?, ?> get(int number) {
        return byNumber.get(number);
    }

    /** Every procedure, by number. */
    public Collection<Procedure<?, ?>> all() {
        return byNumber.values();
    }
}
