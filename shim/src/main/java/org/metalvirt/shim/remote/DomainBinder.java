package org.metalvirt.shim.remote;

import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Procedure;

/**
 * Binds the handlers of procedures that act on one domain. The handle a client sends is resolved
 * here, once, by UUID as libvirt's drivers do (its name and id may be stale), so that a handler
 * is only its call into the domain service; the dispatcher has already checked the flags.
 */
final class DomainBinder {

    /** A handler that answers from the domain's record. */
    @FunctionalInterface
    interface Query<A, R> {
        R answer(Session session, DomainRecord domain, A args);
    }

    /** A handler that changes the domain and answers nothing. */
    @FunctionalInterface
    interface Action<A> {
        void run(Session session, DomainRecord domain, A args);
    }

    private final DriverTable table;
    private final DomainService domains;

    DomainBinder(DriverTable table, DomainService domains) {
        this.table = table;
        this.domains = domains;
    }

    <A, R> DomainBinder query(Procedure<A, R> procedure, Query<A, R> query) {
        requireDomain(procedure);
        table.bind(procedure, (session, args) -> query.answer(session, resolve(procedure, args), args));
        return this;
    }

    <A> DomainBinder action(Procedure<A, Void> procedure, Action<A> action) {
        requireDomain(procedure);
        table.bind(procedure, (session, args) -> {
            action.run(session, resolve(procedure, args), args);
            return null;
        });
        return this;
    }

    private <A> DomainRecord resolve(Procedure<A, ?> procedure, A args) {
        return domains.lookup(procedure.domain(args).uuid());
    }

    private static void requireDomain(Procedure<?, ?> procedure) {
        if (!procedure.takesDomain()) {
            throw new IllegalArgumentException(procedure + " names no domain");
        }
    }
}
