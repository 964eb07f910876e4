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
 * and ret records, so each is written once. The records are read at a procedure's first use
 * ({@link Procedure#args()}), so a start loads none of the hundreds a daemon may never be asked
 * for; the table tests read them all.
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
            procedure.declare(field.getName(), api, () -> records(field));
            Procedure<?, ?> previous = byNumber.putIfAbsent(procedure.number(), procedure);
            if (previous != null) {
                throw new IllegalStateException(field.getName() + " has the number of " + previous);
            }
        }
        return new ProcedureTable(byNumber);
    }

    /** The constant's type arguments: its procedure's args and ret records, read (and loaded) when first needed. */
    private static Class<?>[] records(Field constant) {
        Type[] records = ((ParameterizedType) constant.getGenericType()).getActualTypeArguments();
        return new Class<?>[] {(Class<?>) records[0], (Class<?>) records[1]};
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
