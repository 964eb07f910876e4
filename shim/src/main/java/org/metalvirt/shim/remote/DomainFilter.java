package org.metalvirt.shim.remote;

import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainState;

/** {@code virConnectListAllDomains}' filter flags: each group filters only when one of its flags is set. */
final class DomainFilter {
    private DomainFilter() {
    }

    static boolean matches(int flags, DomainRecord record) {
        return group(flags, 1, 2, record.active())
                && group(flags, 4, 8, record.persistent())
                && states(flags, record.lifecycle().state())
                && group(flags, 256, 512, false)
                && group(flags, 1024, 2048, record.autostart())
                && group(flags, 4096, 8192, false)
                && group(flags, 16384, 32768, false);
    }

    /** A pair of flags filters only when one of them is set: yes keeps {@code value}, no keeps its opposite. */
    private static boolean group(int flags, int yes, int no, boolean value) {
        if ((flags & (yes | no)) == 0) {
            return true;
        }
        return value ? (flags & yes) != 0 : (flags & no) != 0;
    }

    private static boolean states(int flags, DomainState state) {
        int running = 16;
        int paused = 32;
        int shutoff = 64;
        int other = 128;
        if ((flags & (running | paused | shutoff | other)) == 0) {
            return true;
        }
        return switch (state) {
            case RUNNING -> (flags & running) != 0;
            case PAUSED -> (flags & paused) != 0;
            case SHUTOFF -> (flags & shutoff) != 0;
            default -> (flags & other) != 0;
        };
    }
}
