package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_ALL_DOMAINS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_DEFINED_DOMAINS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_DOMAINS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NUM_OF_DEFINED_DOMAINS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NUM_OF_DOMAINS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_CREATE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_CREATE_WITH_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_CREATE_XML;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_DEFINE_XML;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_DEFINE_XML_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_DESTROY;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_DESTROY_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_AUTOSTART;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_CONTROL_INFO;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_INFO;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_MAX_MEMORY;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_MAX_VCPUS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_MESSAGES;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_METADATA;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_OS_TYPE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_STATE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_VCPUS_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_XML_DESC;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_HAS_MANAGED_SAVE_IMAGE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_IS_ACTIVE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_IS_PERSISTENT;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_IS_UPDATED;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_LOOKUP_BY_ID;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_LOOKUP_BY_NAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_LOOKUP_BY_UUID;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_REBOOT;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_RESET;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_RESUME;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_SET_AUTOSTART;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_SET_METADATA;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_SHUTDOWN;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_SHUTDOWN_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_SNAPSHOT_NUM;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_SUSPEND;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_UNDEFINE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_UNDEFINE_FLAGS;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Connect.ListAllDomainsArgs;
import org.metalvirt.shim.protocol.Connect.ListAllDomainsRet;
import org.metalvirt.shim.protocol.Domain.DomFlagsArgs;
import org.metalvirt.shim.protocol.Domain.DomRet;
import org.metalvirt.shim.protocol.Domain.GetControlInfoRet;
import org.metalvirt.shim.protocol.Domain.GetInfoRet;
import org.metalvirt.shim.protocol.Domain.GetMaxMemoryRet;
import org.metalvirt.shim.protocol.Domain.GetMessagesRet;
import org.metalvirt.shim.protocol.Domain.GetMetadataArgs;
import org.metalvirt.shim.protocol.Domain.GetMetadataRet;
import org.metalvirt.shim.protocol.Domain.GetOsTypeRet;
import org.metalvirt.shim.protocol.Domain.GetStateRet;
import org.metalvirt.shim.protocol.Domain.GetXmlDescRet;
import org.metalvirt.shim.protocol.Domain.IntRet;
import org.metalvirt.shim.protocol.Domain.ListDefinedDomainsArgs;
import org.metalvirt.shim.protocol.Domain.ListDefinedDomainsRet;
import org.metalvirt.shim.protocol.Domain.ListDomainsArgs;
import org.metalvirt.shim.protocol.Domain.ListDomainsRet;
import org.metalvirt.shim.protocol.Domain.SetMetadataArgs;
import org.metalvirt.shim.protocol.Types.RemoteDomain;

/**
 * Domains: listing and lookup, definition, the lifecycle, and what agents read back. Each
 * handler resolves its domain by UUID, as libvirt's drivers do (the name and id a client sends
 * may be stale), checks the flags it understands, and calls the domain service.
 */
final class DomainProcedures {

    private static final int LIST_MAX = 16384;

    private final DomainService domains;

    DomainProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        table.bind(CONNECT_LIST_ALL_DOMAINS, (session, args) -> listAll(args))
                .bind(CONNECT_NUM_OF_DOMAINS, (session, none) -> new IntRet(active().size()))
                .bind(CONNECT_LIST_DOMAINS, (session, args) -> listIds(args))
                .bind(CONNECT_NUM_OF_DEFINED_DOMAINS, (session, none) -> new IntRet(inactive().size()))
                .bind(CONNECT_LIST_DEFINED_DOMAINS, (session, args) -> listNames(args))
                .bind(DOMAIN_LOOKUP_BY_NAME, (session, args) -> ret(domains.lookupByName(args.name())))
                .bind(DOMAIN_LOOKUP_BY_UUID, (session, args) -> ret(domains.lookup(args.uuid())))
                .bind(DOMAIN_LOOKUP_BY_ID, (session, args) -> ret(domains.lookupById(args.id())))
                .bind(DOMAIN_DEFINE_XML, (session, args) -> ret(domains.define(args.xml())))
                .bind(DOMAIN_DEFINE_XML_FLAGS, (session, args) -> {
                    Flags.require(args.flags(), Flags.DEFINE_VALIDATE);
                    return ret(domains.define(args.xml()));
                })
                .bind(DOMAIN_UNDEFINE, (session, args) -> run(() -> domains.undefine(uuid(args.dom()))))
                .bind(DOMAIN_UNDEFINE_FLAGS, (session, args) -> {
                    Flags.require(args.flags(), Flags.UNDEFINE_ALL);
                    Flags.exclusive(args.flags(), Flags.UNDEFINE_NVRAM, Flags.UNDEFINE_KEEP_NVRAM);
                    return run(() -> domains.undefine(uuid(args.dom())));
                })
                .bind(DOMAIN_CREATE, (session, args) -> run(() -> domains.start(uuid(args.dom()), false)))
                .bind(DOMAIN_CREATE_WITH_FLAGS, (session, args) -> ret(domains.start(uuid(args.dom()),
                        Flags.startPaused(args.flags()))))
                .bind(DOMAIN_CREATE_XML, (session, args) -> ret(domains.createTransient(args.xmlDesc(),
                        Flags.startPaused(args.flags()))))
                .bind(DOMAIN_RESUME, (session, args) -> run(() -> domains.resume(uuid(args.dom()))))
                .bind(DOMAIN_SUSPEND, (session, args) -> run(() -> domains.suspend(uuid(args.dom()))))
                .bind(DOMAIN_DESTROY, (session, args) -> run(() -> domains.destroy(uuid(args.dom()))))
                .bind(DOMAIN_DESTROY_FLAGS, (session, args) -> {
                    // Holding the power button is as graceful as a server's forced off gets.
                    Flags.require(args.flags(), Flags.DESTROY_ALL);
                    return run(() -> domains.destroy(uuid(args.dom())));
                })
                .bind(DOMAIN_SHUTDOWN, (session, args) -> run(() -> domains.shutdown(uuid(args.dom()))))
                .bind(DOMAIN_SHUTDOWN_FLAGS, (session, args) -> {
                    Flags.powerButtonOnly(args.flags(), "shut down");
                    return run(() -> domains.shutdown(uuid(args.dom())));
                })
                .bind(DOMAIN_REBOOT, (session, args) -> {
                    Flags.powerButtonOnly(args.flags(), "reboot");
                    return run(() -> domains.reboot(uuid(args.dom())));
                })
                .bind(DOMAIN_RESET, (session, args) -> {
                    Flags.require(args.flags(), 0);
                    return run(() -> domains.reset(uuid(args.dom())));
                })
                .bind(DOMAIN_GET_INFO, (session, args) -> info(record(args.dom())))
                .bind(DOMAIN_GET_STATE, (session, args) -> {
                    Flags.require(args.flags(), 0);
                    DomainRecord record = record(args.dom());
                    return new GetStateRet(record.lifecycle().state().code(), record.lifecycle().reason());
                })
                .bind(DOMAIN_GET_XML_DESC, this::xmlDesc)
                .bind(DOMAIN_GET_OS_TYPE, (session, args) -> new GetOsTypeRet(record(args.dom()).definition().osType()))
                .bind(DOMAIN_GET_MAX_MEMORY, (session, args) ->
                        new GetMaxMemoryRet(record(args.dom()).definition().memoryKiB()))
                .bind(DOMAIN_GET_MAX_VCPUS, (session, args) -> new IntRet(Vcpus.count(record(args.dom()),
                        Flags.AFFECT_LIVE | Flags.VCPU_MAXIMUM)))
                .bind(DOMAIN_GET_VCPUS_FLAGS, (session, args) -> new IntRet(Vcpus.count(record(args.dom()), args.flags())))
                .bind(DOMAIN_GET_AUTOSTART, (session, args) -> new IntRet(bit(record(args.dom()).autostart())))
                .bind(DOMAIN_SET_AUTOSTART, (session, args) ->
                        run(() -> domains.setAutostart(uuid(args.dom()), args.autostart() != 0)))
                .bind(DOMAIN_IS_ACTIVE, (session, args) -> new IntRet(bit(record(args.dom()).active())))
                .bind(DOMAIN_IS_PERSISTENT, (session, args) -> new IntRet(bit(record(args.dom()).persistent())))
                .bind(DOMAIN_IS_UPDATED, (session, args) -> new IntRet(bit(record(args.dom()).updated())))
                // A server has no memory image to save to, nor snapshots: answer truthfully, nothing.
                .bind(DOMAIN_HAS_MANAGED_SAVE_IMAGE, (session, args) -> new IntRet(exists(args.dom())))
                .bind(DOMAIN_SNAPSHOT_NUM, (session, args) -> new IntRet(exists(args.dom())))
                .bind(DOMAIN_GET_CONTROL_INFO, (session, args) -> {
                    Flags.require(args.flags(), 0);
                    long job = domains.jobMillis(uuid(args.dom()));
                    return new GetControlInfoRet(job == 0 ? 0 : 1, 0, job);
                })
                .bind(DOMAIN_GET_MESSAGES, (session, args) -> {
                    record(args.dom());
                    return new GetMessagesRet(List.of());
                })
                .bind(DOMAIN_GET_METADATA, (session, args) -> metadata(args))
                .bind(DOMAIN_SET_METADATA, (session, args) -> setMetadata(args));
    }

    private ListAllDomainsRet listAll(ListAllDomainsArgs args) {
        List<RemoteDomain> matching = domains.list().stream()
                .filter(record -> DomainFilter.matches(args.flags(), record))
                .map(DomainProcedures::handle)
                .toList();
        return new ListAllDomainsRet(args.needResults() != 0 ? matching : List.of(), matching.size());
    }

    private ListDomainsRet listIds(ListDomainsArgs args) {
        checkListMax(args.maxids());
        return new ListDomainsRet(active().stream().map(DomainRecord::id).sorted().limit(args.maxids()).toList());
    }

    private ListDefinedDomainsRet listNames(ListDefinedDomainsArgs args) {
        checkListMax(args.maxnames());
        return new ListDefinedDomainsRet(inactive().stream().map(DomainRecord::name).limit(args.maxnames()).toList());
    }

    private static void checkListMax(int max) {
        if (max < 0 || max > LIST_MAX) {
            throw new VirtException(ErrorNumber.RPC, ErrorDomain.RPC, "too many domains requested: " + max
                    + " > " + LIST_MAX);
        }
    }

    private List<DomainRecord> active() {
        return domains.list().stream().filter(DomainRecord::active).toList();
    }

    private List<DomainRecord> inactive() {
        return domains.list().stream().filter(record -> !record.active()).toList();
    }

    private static GetInfoRet info(DomainRecord record) {
        DomainDefinition definition = record.definition();
        // The card cannot see the server's CPU time: libvirt's "unknown" is 0.
        return new GetInfoRet(record.lifecycle().state().code(), definition.memoryKiB(),
                record.active() ? definition.currentMemoryKiB() : definition.memoryKiB(), definition.vcpus(), 0);
    }

    private GetXmlDescRet xmlDesc(Session session, DomFlagsArgs args) {
        Flags.require(args.flags(), Flags.XML_ALL);
        if ((args.flags() & (Flags.XML_SECURE | Flags.XML_MIGRATABLE)) != 0 && session.readOnly()) {
            throw new VirtException(ErrorNumber.OPERATION_DENIED, ErrorDomain.DOMAIN,
                    "operation forbidden: virDomainGetXMLDesc with secure flag");
        }
        return new GetXmlDescRet(DomainService.xml(record(args.dom()), (args.flags() & Flags.XML_INACTIVE) != 0));
    }

    private GetMetadataRet metadata(GetMetadataArgs args) {
        DomainRecord record = record(args.dom());
        DomainDefinition definition = Flags.readsConfig(args.flags(), record) ? record.inactiveDefinition()
                : record.definition();
        Optional<String> found = switch (Metadata.of(args.type())) {
            case DESCRIPTION -> definition.description();
            case TITLE -> definition.title();
            case ELEMENT -> DomainXml.metadata(definition, args.uri().orElseThrow(() ->
                    new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN, "uri must not be NULL")));
        };
        return new GetMetadataRet(found.orElseThrow(() -> new VirtException(ErrorNumber.NO_DOMAIN_METADATA,
                ErrorDomain.DOMAIN, "metadata not found: Requested metadata element is not present")));
    }

    private Void setMetadata(SetMetadataArgs args) {
        DomainRecord record = record(args.dom());
        Flags.require(args.flags(), Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG);
        Metadata type = Metadata.of(args.type());
        domains.edit(record.uuid(), Flags.affect(args.flags()), definition -> switch (type) {
            case DESCRIPTION -> DomainXml.withText(definition, false, args.metadata());
            case TITLE -> DomainXml.withText(definition, true, args.metadata());
            case ELEMENT -> DomainXml.withMetadata(definition, args.uri().orElseThrow(() ->
                    new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN, "uri must not be NULL")),
                    args.key(), args.metadata());
        });
        return null;
    }

    private DomainRecord record(RemoteDomain dom) {
        return domains.lookup(dom.uuid());
    }

    /** Zero, once the domain is known to exist: the answer of the "nothing to report" queries. */
    private int exists(RemoteDomain dom) {
        record(dom);
        return 0;
    }

    private static UUID uuid(RemoteDomain dom) {
        return dom.uuid();
    }

    private static DomRet ret(DomainRecord record) {
        return new DomRet(handle(record));
    }

    static RemoteDomain handle(DomainRecord record) {
        return new RemoteDomain(record.name(), record.uuid(), record.active() ? record.id() : -1);
    }

    private static int bit(boolean value) {
        return value ? 1 : 0;
    }

    private static Void run(Runnable action) {
        action.run();
        return null;
    }
}
