package org.metalvirt.shim.dispatch;

import java.util.HashMap;
import java.util.Map;
import org.metalvirt.shim.protocol.Program;

/** The programs the daemon serves, each with its driver table. */
public final class Programs {

    private final Map<Integer, DriverTable> tables = new HashMap<>();
    private final Map<Integer, Integer> versions = new HashMap<>();

    public Programs serve(Program program, DriverTable table) {
        tables.put(program.id(), table);
        versions.put(program.id(), program.version());
        return this;
    }

    /** The table for a program at a version, or null when the daemon does not serve that pair. */
    DriverTable table(int program, int version) {
        Integer served = versions.get(program);
        return served != null && served == version ? tables.get(program) : null;
    }
}
