package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.xdr.Max;

/** Args and ret records of the domain procedures, fields in XDR order. */
public final class Domain {

    private Domain() {
    }

    /** Args of every procedure that takes only a domain. */
    public record DomArgs(RemoteDomain dom) {
    }

    /** Args of every procedure that takes a domain and flags. */
    public record DomFlagsArgs(RemoteDomain dom, int flags) {
    }

    /** Ret of every procedure that returns a domain. */
    public record DomRet(RemoteDomain dom) {
    }

    /** Ret of every procedure that answers one int (a flag, a count, a number). */
    public record IntRet(int value) {
    }

    public record LookupByNameArgs(String name) {
    }

    public record LookupByUuidArgs(UUID uuid) {
    }

    public record LookupByIdArgs(int id) {
    }

    public record DefineXmlArgs(String xml) {
    }

    public record DefineXmlFlagsArgs(String xml, int flags) {
    }

    public record CreateXmlArgs(String xmlDesc, int flags) {
    }

    public record GetInfoRet(int state, long maxMem, long memory, int nrVirtCpu, long cpuTime) {
    }

    public record GetStateRet(int state, int reason) {
    }

    public record GetXmlDescRet(String xml) {
    }

    public record GetOsTypeRet(String type) {
    }

    public record GetMaxMemoryRet(long memory) {
    }

    public record SetAutostartArgs(RemoteDomain dom, int autostart) {
    }

    public record GetMetadataArgs(RemoteDomain dom, int type, Optional<String> uri, int flags) {
    }

    public record GetMetadataRet(String metadata) {
    }

    public record SetMetadataArgs(RemoteDomain dom, int type, Optional<String> metadata, Optional<String> key,
                                  Optional<String> uri, int flags) {
    }

    public record GetControlInfoRet(int state, int details, long stateTime) {
    }

    public record GetMessagesRet(@Max(2048) List<String> msgs) {
    }

    public record ListDomainsArgs(int maxids) {
    }

    public record ListDomainsRet(@Max(16384) List<Integer> ids) {
    }

    public record ListDefinedDomainsArgs(int maxnames) {
    }

    public record ListDefinedDomainsRet(@Max(16384) List<String> names) {
    }

    public record DeviceArgs(RemoteDomain dom, String xml) {
    }

    public record DeviceFlagsArgs(RemoteDomain dom, String xml, int flags) {
    }

    public record DetachAliasArgs(RemoteDomain dom, String alias, int flags) {
    }
}
