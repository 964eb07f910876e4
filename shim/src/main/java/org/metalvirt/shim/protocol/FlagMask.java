package org.metalvirt.shim.protocol;

import java.util.EnumSet;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * The flags a procedure accepts, declared with it and checked by the dispatcher before the
 * handler runs, as libvirt's drivers start with {@code virCheckFlags}.
 */
public final class FlagMask {

    /** The procedure takes no flags argument, or accepts none of its bits. */
    public static final FlagMask NONE = new FlagMask(0, true);

    /**
     * Every bit passes to the handler: for flags that are the client's own ({@code CONNECT_OPEN})
     * and for procedures that never refused unknown flags, so that declaring them changed nothing.
     */
    public static final FlagMask UNCHECKED = new FlagMask(-1, false);

    private final int bits;
    private final boolean checked;

    private FlagMask(int bits, boolean checked) {
        this.bits = bits;
        this.checked = checked;
    }

    public static FlagMask of(LibvirtFlag... flags) {
        int bits = 0;
        for (LibvirtFlag flag : flags) {
            bits |= flag.code();
        }
        return new FlagMask(bits, true);
    }

    /** Every value of a libvirt flags enum. */
    public static <E extends Enum<E> & LibvirtFlag> FlagMask all(Class<E> type) {
        return of(EnumSet.allOf(type).toArray(LibvirtFlag[]::new));
    }

    /** This mask and every value of another enum, as a call taking impact and its own flags. */
    public <E extends Enum<E> & LibvirtFlag> FlagMask and(Class<E> type) {
        return new FlagMask(bits | all(type).bits, checked);
    }

    /** This mask and some values of another enum. */
    public FlagMask and(LibvirtFlag... flags) {
        return new FlagMask(bits | of(flags).bits, checked);
    }

    /** Whether {@code flags} has any bit of this mask. */
    public boolean any(int flags) {
        return (flags & bits) != 0;
    }

    /** Whether {@link #check} would refuse {@code flags}: a bit outside a checked mask. */
    public boolean refuses(int flags) {
        return checked && (flags & ~bits) != 0;
    }

    /**
     * Refuses bits outside the mask with libvirt's "unsupported flags" {@code VIR_ERR_INVALID_ARG},
     * naming the {@code function} refusing them.
     */
    public void check(int flags, String function) {
        check(flags, function, ErrorDomain.DOMAIN);
    }

    /** As {@link #check(int, String)}, reported from {@code from} (the admin program's own domain). */
    public void check(int flags, String function, ErrorDomain from) {
        int unknown = flags & ~bits;
        if (refuses(flags)) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    from,
                    "invalid argument: unsupported flags (0x" + Integer.toHexString(unknown) + ") in function "
                            + function);
        }
    }

    @Override
    public String toString() {
        return checked ? "0x" + Integer.toHexString(bits) : "unchecked";
    }
}
