package org.metalvirt.shim.protocol;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One remote procedure, declared once: its number, its libvirt name, the records its arguments
 * and reply decode to ({@code Void} for none) and what the dispatcher must check.
 *
 * @param <A> the args record
 * @param <R> the ret record
 */
public final class Procedure<A, R> {

    private final int number;
    private final String name;
    private final Class<A> args;
    private final Class<R> ret;
    private final Priority priority;
    private final Set<Flag> flags;

    public Procedure(int number, String name, Class<A> args, Class<R> ret, Priority priority, Flag... flags) {
        this.number = number;
        this.name = Objects.requireNonNull(name, "name");
        this.args = Objects.requireNonNull(args, "args");
        this.ret = Objects.requireNonNull(ret, "ret");
        this.priority = Objects.requireNonNull(priority, "priority");
        this.flags = flags.length == 0 ? EnumSet.noneOf(Flag.class) : EnumSet.of(flags[0], flags);
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    public Class<A> args() {
        return args;
    }

    public Class<R> ret() {
        return ret;
    }

    public Priority priority() {
        return priority;
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    @Override
    public String toString() {
        return name + "(" + number + ")";
    }
}
