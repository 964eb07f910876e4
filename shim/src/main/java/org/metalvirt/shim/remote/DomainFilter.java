package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.ACTIVE;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.AUTOSTART;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.HAS_CHECKPOINT;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.HAS_SNAPSHOT;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.INACTIVE;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.MANAGEDSAVE;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.NO_AUTOSTART;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.NO_CHECKPOINT;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.NO_MANAGEDSAVE;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.NO_SNAPSHOT;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.OTHER;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.PAUSED;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.PERSISTENT;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.RUNNING;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.SHUTOFF;
import static org.metalvirt.shim.protocol.LibvirtFlags.ListAll.TRANSIENT;

import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainState;
import org.metalvirt.shim.protocol.LibvirtFlag;

/** {@code virConnectListAllDomains}' filter flags: each group filters only when one of its flags is set. */
final class DomainFilter {
    private DomainFilter() {}

    static boolean matches(int flags, DomainRecord record) {
        return group(flags, ACTIVE, INACTIVE, record.active())
                && group(flags, PERSISTENT, TRANSIENT, record.persistent())
                && states(flags, record.status().state())
                && group(flags, MANAGEDSAVE, NO_MANAGEDSAVE, false)
                && group(flags, AUTOSTART, NO_AUTOSTART, record.autostart())
                && group(flags, HAS_SNAPSHOT, NO_SNAPSHOT, false)
                && group(flags, HAS_CHECKPOINT, NO_CHECKPOINT, false);
    }

    /** A pair of flags filters only when one of them is set: yes keeps {@code value}, no keeps its opposite. */
    static boolean group(int flags, LibvirtFlag yes, LibvirtFlag no, boolean value) {
        if (!yes.in(flags) && !no.in(flags)) {
            return true;
        }
        return value ? yes.in(flags) : no.in(flags);
    }

    private static boolean states(int flags, DomainState state) {
        if (!RUNNING.in(flags) && !PAUSED.in(flags) && !SHUTOFF.in(flags) && !OTHER.in(flags)) {
            return true;
        }
        return switch (state) {
            case RUNNING -> RUNNING.in(flags);
            case PAUSED -> PAUSED.in(flags);
            case SHUTOFF -> SHUTOFF.in(flags);
            default -> OTHER.in(flags);
        };
    }
}
