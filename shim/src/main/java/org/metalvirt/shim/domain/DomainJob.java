package org.metalvirt.shim.domain;

import java.util.Locale;
import org.metalvirt.shim.objects.JobName;

/**
 * The jobs that change a domain, one at a time per domain; a job waiting for another is told
 * which holds the lock. Asked-for jobs are named as the procedures that ask for them are.
 */
enum DomainJob implements JobName {
    DEFINE_XML,
    UNDEFINE,
    SET_AUTOSTART,
    SET_METADATA,
    CREATE,
    CREATE_XML,
    RESUME,
    DESTROY,
    SHUTDOWN,
    REBOOT,
    RESET,
    INJECT_NMI,
    ATTACH_DEVICE,
    UPDATE_DEVICE,
    DETACH_DEVICE,
    DETACH_DEVICE_ALIAS,
    /** Not asked for: the daemon brings a domain in line with its node's power. */
    RECONCILE(false),
    /** Not asked for: the daemon gives a running server's card its devices back. */
    RESTORE(false),
    /** An operator's maintenance power on the domain's node (metalvirtctl nodes power). */
    MAINTENANCE(false);

    private final boolean asked;

    DomainJob() {
        this(true);
    }

    DomainJob(boolean asked) {
        this.asked = asked;
    }

    /** Whether the job powers the server on: QEMU's start, the one job a client sees in progress. */
    boolean powersOn() {
        return this == CREATE || this == CREATE_XML || this == RESUME;
    }

    @Override
    public String holder() {
        return asked ? "DOMAIN_" + name() : name().toLowerCase(Locale.ROOT);
    }
}
