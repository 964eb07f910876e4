package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.LibvirtFlags.Impact.AFFECT_CONFIG;
import static org.metalvirt.shim.protocol.LibvirtFlags.Impact.AFFECT_LIVE;

import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.domain.Affect;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.protocol.LibvirtFlag;

/**
 * What handlers make of flags the dispatcher has already checked against the declaration: which
 * definitions a call affects, and the combinations libvirt refuses.
 */
final class Flags {

    private Flags() {}

    static void exclusive(int flags, LibvirtFlag one, LibvirtFlag other) {
        if (one.in(flags) && other.in(flags)) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.DOMAIN,
                    "invalid argument: flags 0x" + Integer.toHexString(one.code()) + " and 0x"
                            + Integer.toHexString(other.code()) + " are mutually exclusive");
        }
    }

    /** Shutdown and reboot modes: a server only has its power button (ACPI), which is also the default. */
    static void powerButtonOnly(int flags, LibvirtFlag powerButton, String action) {
        if ((flags & ~powerButton.code()) != 0) {
            throw new VirtException(
                    ErrorNumber.ARGUMENT_UNSUPPORTED,
                    ErrorDomain.DOMAIN,
                    "argument unsupported: a bare-metal server can only " + action
                            + " through its power button (ACPI); mode flags 0x" + Integer.toHexString(flags));
        }
    }

    /** The AFFECT_* flags as the domain service takes them: AFFECT_CURRENT is decided there, under the domain's lock. */
    static Affect affect(int flags) {
        boolean live = AFFECT_LIVE.in(flags);
        boolean config = AFFECT_CONFIG.in(flags);
        if (live && config) {
            return Affect.LIVE_AND_CONFIG;
        }
        return live ? Affect.LIVE : config ? Affect.CONFIG : Affect.CURRENT;
    }

    /** For getters, which read one definition: true for the persistent one. */
    static boolean readsConfig(int flags, DomainRecord record) {
        exclusive(flags, AFFECT_LIVE, AFFECT_CONFIG);
        return affect(flags).config(record);
    }
}
