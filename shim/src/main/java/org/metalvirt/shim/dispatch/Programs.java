package org.metalvirt.shim.dispatch;

import java.util.Arrays;
import org.metalvirt.shim.protocol.Program;

/** The programs the daemon serves, each with its driver table. */
public final class Programs {

    private record Served(int id, int version, DriverTable table) {}

    /** A handful (remote, admin, metalvirt's own): scanned on every call, with no boxing of the 32-bit ids. */
    private Served[] served = new Served[0];

    public Programs serve(Program program, DriverTable table) {
        Served[] next =
                Arrays.stream(served).filter(s -> s.id() != program.id()).toArray(Served[]::new);
        next = Arrays.copyOf(next, next.length + 1);
        next[next.length - 1] = new Served(program.id(), program.version(), table);
        served = next;
        return this;
    }

    /** The table for a program at a version, or null when the daemon does not serve that pair. */
    DriverTable table(int program, int version) {
        for (Served s : served) {
            if (s.id() == program) {
                return s.version() == version ? s.table() : null;
            }
        }
        return null;
    }
}
