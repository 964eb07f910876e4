package org.metalvirt.shim.remote;

import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.domain.Affect;
import org.metalvirt.shim.domain.DomainRecord;

/** libvirt's flag values the domain procedures accept, and the checks every handler shares. */
final class Flags {

    static final int AFFECT_LIVE = 1;
    static final int AFFECT_CONFIG = 2;
    static final int VCPU_MAXIMUM = 4;
    static final int VCPU_GUEST = 8;

    static final int XML_SECURE = 1;
    static final int XML_INACTIVE = 2;
    static final int XML_UPDATE_CPU = 4;
    static final int XML_MIGRATABLE = 8;
    static final int XML_ALL = XML_SECURE | XML_INACTIVE | XML_UPDATE_CPU | XML_MIGRATABLE;

    static final int DEFINE_VALIDATE = 1;

    /** MANAGED_SAVE, SNAPSHOTS_METADATA, NVRAM, KEEP_NVRAM, CHECKPOINTS_METADATA, TPM, KEEP_TPM: nothing to remove. */
    static final int UNDEFINE_ALL = 0x7f;
    static final int UNDEFINE_NVRAM = 4;
    static final int UNDEFINE_KEEP_NVRAM = 8;

    /** GRACEFUL and REMOVE_LOGS. */
    static final int DESTROY_ALL = 3;

    static final int START_PAUSED = 1;
    /** BYPASS_CACHE, FORCE_BOOT, VALIDATE and RESET_NVRAM change nothing on a server. */
    static final int START_ALL = START_PAUSED | 4 | 8 | 16 | 32;

    static final int SHUTDOWN_ACPI_POWER_BTN = 1;

    private Flags() {
    }

    /** Refuses flags outside {@code known}, as libvirt's virCheckFlags does. */
    static void require(int flags, int known) {
        int unknown = flags & ~known;
        if (unknown != 0) {
            throw new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN,
                    "invalid argument: unsupported flags (0x" + Integer.toHexString(unknown) + ")");
        }
    }

    static void exclusive(int flags, int one, int other) {
        if ((flags & one) != 0 && (flags & other) != 0) {
            throw new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN,
                    "invalid argument: flags 0x" + Integer.toHexString(one) + " and 0x" + Integer.toHexString(other)
                            + " are mutually exclusive");
        }
    }

    static boolean startPaused(int flags) {
        require(flags, START_ALL);
        return (flags & START_PAUSED) != 0;
    }

    /** Shutdown and reboot modes: a server only has its power button (ACPI), which is also the default. */
    static void powerButtonOnly(int flags, String action) {
        if ((flags & ~SHUTDOWN_ACPI_POWER_BTN) != 0) {
            throw new VirtException(ErrorNumber.ARGUMENT_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "argument unsupported: a bare-metal server can only " + action
                            + " through its power button (ACPI); mode flags 0x" + Integer.toHexString(flags));
        }
    }

    /** The AFFECT_* flags as the domain service takes them: AFFECT_CURRENT is decided there, under the domain's lock. */
    static Affect affect(int flags) {
        boolean live = (flags & AFFECT_LIVE) != 0;
        boolean config = (flags & AFFECT_CONFIG) != 0;
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
