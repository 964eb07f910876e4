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
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_INJECT_NMI;
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
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Connect;
import org.metalvirt.shim.protocol.Domain;
import org.metalvirt.shim.protocol.LibvirtFlags.Create;
import org.metalvirt.shim.protocol.LibvirtFlags.Reboot;
import org.metalvirt.shim.protocol.LibvirtFlags.Shutdown;
import org.metalvirt.shim.protocol.LibvirtFlags.Undefine;
import org.metalvirt.shim.protocol.LibvirtFlags.Xml;
import org.metalvirt.shim.protocol.Types.RemoteDomain;

/**
 * Domains: listing and lookup, definition, the lifecycle, and what agents read back. The domain
 * a call names is resolved by {@link DomainBinder} and its flags checked by the dispatcher, so
 * each handler is its call into the domain service.
 */
final class DomainProcedures {

    private static final int LIST_MAX = 16384;

    private final DomainService domains;

    DomainProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        table.bind(CONNECT_LIST_ALL_DOMAINS, (session, args) -> listAll(args))
                .bind(CONNECT_NUM_OF_DOMAINS, (session, none) -> new Connect.NumOfDomainsRet(active().size()))
                .bind(CONNECT_LIST_DOMAINS, (session, args) -> listIds(args))
                .bind(
                        CONNECT_NUM_OF_DEFINED_DOMAINS,
                        (session, none) ->
                                new Connect.NumOfDefinedDomainsRet(inactive().size()))
                .bind(CONNECT_LIST_DEFINED_DOMAINS, (session, args) -> listNames(args))
                .bindInMemory(
                        DOMAIN_LOOKUP_BY_NAME,
                        (session, args) -> new Domain.LookupByNameRet(handle(domains.lookupByName(args.name()))))
                .bindInMemory(
                        DOMAIN_LOOKUP_BY_UUID,
                        (session, args) -> new Domain.LookupByUuidRet(handle(domains.lookup(args.uuid()))))
                .bindInMemory(
                        DOMAIN_LOOKUP_BY_ID,
                        (session, args) -> new Domain.LookupByIdRet(handle(domains.lookupById(args.id()))))
                .bind(DOMAIN_DEFINE_XML, (session, args) -> new Domain.DefineXmlRet(handle(domains.define(args.xml()))))
                .bind(
                        DOMAIN_DEFINE_XML_FLAGS,
                        (session, args) -> new Domain.DefineXmlFlagsRet(handle(domains.define(args.xml()))))
                .bind(
                        DOMAIN_CREATE_XML,
                        (session, args) -> new Domain.CreateXmlRet(
                                handle(domains.createTransient(args.xmlDesc(), Create.START_PAUSED.in(args.flags())))));

        new DomainBinder(table, domains)
                .action(DOMAIN_UNDEFINE, (session, domain, args) -> domains.undefine(domain.uuid()))
                .action(DOMAIN_UNDEFINE_FLAGS, (session, domain, args) -> {
                    Flags.exclusive(args.flags(), Undefine.NVRAM, Undefine.KEEP_NVRAM);
                    domains.undefine(domain.uuid());
                })
                .action(DOMAIN_CREATE, (session, domain, args) -> domains.start(domain.uuid(), false))
                .query(
                        DOMAIN_CREATE_WITH_FLAGS,
                        (session, domain, args) -> new Domain.CreateWithFlagsRet(
                                handle(domains.start(domain.uuid(), Create.START_PAUSED.in(args.flags())))))
                .action(DOMAIN_RESUME, (session, domain, args) -> domains.resume(domain.uuid()))
                .action(DOMAIN_SUSPEND, (session, domain, args) -> domains.suspend(domain.uuid()))
                .action(DOMAIN_DESTROY, (session, domain, args) -> domains.destroy(domain.uuid()))
                // Holding the power button is as graceful as a server's forced off gets.
                .action(DOMAIN_DESTROY_FLAGS, (session, domain, args) -> domains.destroy(domain.uuid()))
                .action(DOMAIN_SHUTDOWN, (session, domain, args) -> domains.shutdown(domain.uuid()))
                .action(DOMAIN_SHUTDOWN_FLAGS, (session, domain, args) -> {
                    Flags.powerButtonOnly(args.flags(), Shutdown.ACPI_POWER_BTN, "shut down");
                    domains.shutdown(domain.uuid());
                })
                .action(DOMAIN_REBOOT, (session, domain, args) -> {
                    Flags.powerButtonOnly(args.flags(), Reboot.ACPI_POWER_BTN, "reboot");
                    domains.reboot(domain.uuid());
                })
                .action(DOMAIN_RESET, (session, domain, args) -> domains.reset(domain.uuid()))
                .action(DOMAIN_INJECT_NMI, (session, domain, args) -> domains.injectNmi(domain.uuid()))
                .action(
                        DOMAIN_SET_AUTOSTART,
                        (session, domain, args) -> domains.setAutostart(domain.uuid(), args.autostart() != 0))
                .query(DOMAIN_GET_INFO, (session, domain, args) -> info(domain))
                .query(
                        DOMAIN_GET_STATE,
                        (session, domain, args) -> new Domain.GetStateRet(
                                domain.status().state().code(), domain.status().reason()))
                .query(DOMAIN_GET_XML_DESC, DomainProcedures::xmlDesc)
                .query(
                        DOMAIN_GET_OS_TYPE,
                        (session, domain, args) ->
                                new Domain.GetOsTypeRet(domain.definition().osType()))
                .query(
                        DOMAIN_GET_MAX_MEMORY,
                        (session, domain, args) ->
                                new Domain.GetMaxMemoryRet(domain.definition().memoryKiB()))
                .query(
                        DOMAIN_GET_MAX_VCPUS,
                        (session, domain, args) -> new Domain.GetMaxVcpusRet(Vcpus.count(domain, Vcpus.LIVE_MAXIMUM)))
                .query(
                        DOMAIN_GET_VCPUS_FLAGS,
                        (session, domain, args) -> new Domain.GetVcpusFlagsRet(Vcpus.count(domain, args.flags())))
                .query(
                        DOMAIN_GET_AUTOSTART,
                        (session, domain, args) -> new Domain.GetAutostartRet(bit(domain.autostart())))
                .query(DOMAIN_IS_ACTIVE, (session, domain, args) -> new Domain.IsActiveRet(bit(domain.active())))
                .query(
                        DOMAIN_IS_PERSISTENT,
                        (session, domain, args) -> new Domain.IsPersistentRet(bit(domain.persistent())))
                .query(DOMAIN_IS_UPDATED, (session, domain, args) -> new Domain.IsUpdatedRet(bit(domain.updated())))
                // A server has no memory image to save to, nor snapshots: answer truthfully, nothing.
                .query(DOMAIN_HAS_MANAGED_SAVE_IMAGE, (session, domain, args) -> new Domain.HasManagedSaveImageRet(0))
                .query(DOMAIN_SNAPSHOT_NUM, (session, domain, args) -> new Domain.SnapshotNumRet(0))
                .query(DOMAIN_GET_CONTROL_INFO, (session, domain, args) -> {
                    long job = domains.jobMillis(domain.uuid());
                    return new Domain.GetControlInfoRet(job == 0 ? 0 : 1, 0, job);
                })
                .query(DOMAIN_GET_MESSAGES, (session, domain, args) -> new Domain.GetMessagesRet(List.of()))
                .query(DOMAIN_GET_METADATA, (session, domain, args) -> metadata(domain, args))
                .action(DOMAIN_SET_METADATA, (session, domain, args) -> setMetadata(domain, args));
    }

    private Connect.ListAllDomainsRet listAll(Connect.ListAllDomainsArgs args) {
        List<RemoteDomain> matching = domains.list().stream()
                .filter(record -> DomainFilter.matches(args.flags(), record))
                .map(DomainProcedures::handle)
                .toList();
        return new Connect.ListAllDomainsRet(args.needResults() != 0 ? matching : List.of(), matching.size());
    }

    private Connect.ListDomainsRet listIds(Connect.ListDomainsArgs args) {
        checkListMax(args.maxids());
        return new Connect.ListDomainsRet(active().stream()
                .map(DomainRecord::id)
                .sorted()
                .limit(args.maxids())
                .toList());
    }

    private Connect.ListDefinedDomainsRet listNames(Connect.ListDefinedDomainsArgs args) {
        checkListMax(args.maxnames());
        return new Connect.ListDefinedDomainsRet(inactive().stream()
                .map(DomainRecord::name)
                .limit(args.maxnames())
                .toList());
    }

    private static void checkListMax(int max) {
        if (max < 0 || max > LIST_MAX) {
            throw new VirtException(
                    ErrorNumber.RPC, ErrorDomain.RPC, "too many domains requested: " + max + " > " + LIST_MAX);
        }
    }

    private List<DomainRecord> active() {
        return domains.list().stream().filter(DomainRecord::active).toList();
    }

    private List<DomainRecord> inactive() {
        return domains.list().stream().filter(record -> !record.active()).toList();
    }

    private static Domain.GetInfoRet info(DomainRecord record) {
        DomainDefinition definition = record.definition();
        // The card cannot see the server's CPU time: libvirt's "unknown" is 0.
        return new Domain.GetInfoRet(
                record.status().state().code(),
                definition.memoryKiB(),
                record.active() ? definition.currentMemoryKiB() : definition.memoryKiB(),
                definition.vcpus(),
                0);
    }

    private static Domain.GetXmlDescRet xmlDesc(Session session, DomainRecord domain, Domain.GetXmlDescArgs args) {
        String xml = DomainService.xml(domain, Xml.INACTIVE.in(args.flags()));
        // Read-only connections never get here with SECURE: the dispatcher denies it, as libvirt does.
        return new Domain.GetXmlDescRet(Xml.SECURE.in(args.flags()) ? xml : DomainXml.withoutSecrets(xml));
    }

    private static Domain.GetMetadataRet metadata(DomainRecord record, Domain.GetMetadataArgs args) {
        DomainDefinition definition =
                Flags.readsConfig(args.flags(), record) ? record.inactiveDefinition() : record.definition();
        Optional<String> found = switch (Metadata.of(args.type())) {
            case DESCRIPTION -> definition.description();
            case TITLE -> definition.title();
            case ELEMENT ->
                DomainXml.metadata(
                        definition,
                        args.uri()
                                .orElseThrow(() -> new VirtException(
                                        ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN, "uri must not be NULL")));
        };
        return new Domain.GetMetadataRet(found.orElseThrow(() -> new VirtException(
                ErrorNumber.NO_DOMAIN_METADATA,
                ErrorDomain.DOMAIN,
                "metadata not found: Requested metadata element is not present")));
    }

    private void setMetadata(DomainRecord record, Domain.SetMetadataArgs args) {
        Metadata type = Metadata.of(args.type());
        domains.edit(record.uuid(), Flags.affect(args.flags()), definition -> switch (type) {
            case DESCRIPTION -> DomainXml.withText(definition, false, args.metadata());
            case TITLE -> DomainXml.withText(definition, true, args.metadata());
            case ELEMENT ->
                DomainXml.withMetadata(
                        definition,
                        args.uri()
                                .orElseThrow(() -> new VirtException(
                                        ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN, "uri must not be NULL")),
                        args.key(),
                        args.metadata());
        });
    }

    static RemoteDomain handle(DomainRecord record) {
        return new RemoteDomain(record.name(), record.uuid(), record.active() ? record.id() : -1);
    }

    private static int bit(boolean value) {
        return value ? 1 : 0;
    }
}
