package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.LibvirtFlags.StatsType.BALLOON;
import static org.metalvirt.shim.protocol.LibvirtFlags.StatsType.BLOCK;
import static org.metalvirt.shim.protocol.LibvirtFlags.StatsType.INTERFACE;
import static org.metalvirt.shim.protocol.LibvirtFlags.StatsType.STATE;
import static org.metalvirt.shim.protocol.LibvirtFlags.StatsType.VCPU;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.metalvirt.domainxml.Device;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DeviceCounters;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.domain.DomainState;
import org.metalvirt.shim.protocol.Types.IntValue;
import org.metalvirt.shim.protocol.Types.StringValue;
import org.metalvirt.shim.protocol.Types.TypedParam;
import org.metalvirt.shim.protocol.Types.UIntValue;
import org.metalvirt.shim.protocol.Types.ULLongValue;

/**
 * One domain's record of {@code virConnectGetAllDomainStats}, group by group, named as libvirt's
 * QEMU driver names them. A server gives its state, its vCPU count, its memory as defined, and the
 * names of its disks and interfaces with the card's counters where the card counts; nothing it
 * cannot know (CPU time, balloon use, perf events) appears, not even as a zero.
 */
final class DomainStatsGroups {

    /** The groups a bare-metal server can give. */
    static final int SUPPORTED = STATE.code() | BALLOON.code() | VCPU.code() | INTERFACE.code() | BLOCK.code();

    /** {@code virVcpuState} and {@code virVcpuInfo.cpu} for a vCPU whose server is powered off. */
    static final int VCPU_OFFLINE = 0;

    static final int VCPU_RUNNING = 1;

    private final DomainService domains;

    DomainStatsGroups(DomainService domains) {
        this.domains = domains;
    }

    /**
     * The groups to give for {@code requested}: all a server has when none is named; the ones it
     * has of those named, or, when {@code enforce}, libvirt's refusal of the others.
     */
    static int groups(int requested, boolean enforce) {
        if (requested == 0) {
            return SUPPORTED;
        }
        int missing = requested & ~SUPPORTED;
        if (enforce && missing != 0) {
            throw new VirtException(
                    ErrorNumber.ARGUMENT_UNSUPPORTED,
                    ErrorDomain.DOMAIN,
                    "argument unsupported: Stats types bits 0x" + Integer.toHexString(missing)
                            + " are not supported by this daemon: a bare-metal server does not give them");
        }
        return requested & SUPPORTED;
    }

    List<TypedParam> of(DomainRecord record, int groups) {
        List<TypedParam> params = new ArrayList<>();
        DomainDefinition definition = record.definition();
        if (STATE.in(groups)) {
            params.add(new TypedParam(
                    "state.state", new IntValue(record.status().state().code())));
            params.add(
                    new TypedParam("state.reason", new IntValue(record.status().reason())));
        }
        if (BALLOON.in(groups)) {
            // No balloon: the memory is what the definition says, the server's own.
            params.add(new TypedParam("balloon.current", new ULLongValue(definition.currentMemoryKiB())));
            params.add(new TypedParam("balloon.maximum", new ULLongValue(definition.memoryKiB())));
        }
        if (VCPU.in(groups)) {
            vcpus(record, definition, params);
        }
        if (INTERFACE.in(groups) && record.active()) {
            interfaces(record, definition, params);
        }
        if (BLOCK.in(groups)) {
            disks(record, definition, params);
        }
        return params;
    }

    /** vCPU states only: the card cannot see the time a processor spent, waited or was delayed. */
    private static void vcpus(DomainRecord record, DomainDefinition definition, List<TypedParam> params) {
        params.add(new TypedParam("vcpu.current", new UIntValue(definition.vcpus())));
        params.add(new TypedParam("vcpu.maximum", new UIntValue(definition.maxVcpus())));
        if (record.active()) {
            int state = vcpuState(record);
            for (int n = 0; n < definition.vcpus(); n++) {
                params.add(new TypedParam("vcpu." + n + ".state", new IntValue(state)));
            }
        }
    }

    /** A paused domain is a server not yet powered on: its processors are offline. */
    static int vcpuState(DomainRecord record) {
        return record.status().state() == DomainState.PAUSED ? VCPU_OFFLINE : VCPU_RUNNING;
    }

    /** Each interface by the name {@code virDomainInterfaceStats} takes: its MAC, else its alias. */
    private void interfaces(DomainRecord record, DomainDefinition definition, List<TypedParam> params) {
        List<Device.Interface> nics = devices(definition, Device.Interface.class);
        params.add(new TypedParam("net.count", new UIntValue(nics.size())));
        for (int i = 0; i < nics.size(); i++) {
            Optional<String> name = interfaceName(nics.get(i));
            if (name.isEmpty()) {
                continue;
            }
            String prefix = "net." + i + ".";
            params.add(new TypedParam(prefix + "name", new StringValue(name.get())));
            counted(() -> domains.interfaceStats(record.uuid(), name.get())).ifPresent(nic -> {
                add(params, prefix + "rx.bytes", nic.rxBytes());
                add(params, prefix + "rx.pkts", nic.rxPackets());
                add(params, prefix + "rx.errs", nic.rxErrors());
                add(params, prefix + "rx.drop", nic.rxDrops());
                add(params, prefix + "tx.bytes", nic.txBytes());
                add(params, prefix + "tx.pkts", nic.txPackets());
                add(params, prefix + "tx.errs", nic.txErrors());
                add(params, prefix + "tx.drop", nic.txDrops());
            });
        }
    }

    /** The definition's devices of one kind, in document order: the order libvirt numbers them in. */
    static <T extends Device> List<T> devices(DomainDefinition definition, Class<T> kind) {
        return definition.devices().stream()
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
    }

    /** The name {@code virDomainInterfaceStats} takes for an interface: its MAC, else its alias. */
    static Optional<String> interfaceName(Device.Interface nic) {
        return nic.mac().or(nic::alias);
    }

    /** Every disk by its target; its counters and sizes while it is on the card and the card counts. */
    private void disks(DomainRecord record, DomainDefinition definition, List<TypedParam> params) {
        List<Device.Disk> disks = devices(definition, Device.Disk.class);
        params.add(new TypedParam("block.count", new UIntValue(disks.size())));
        for (int i = 0; i < disks.size(); i++) {
            String target = disks.get(i).target();
            String prefix = "block." + i + ".";
            params.add(new TypedParam(prefix + "name", new StringValue(target)));
            if (!record.active()) {
                continue;
            }
            counted(() -> domains.blockStats(record.uuid(), target)).ifPresent(block -> {
                add(params, prefix + "rd.reqs", block.readRequests());
                add(params, prefix + "rd.bytes", block.readBytes());
                add(params, prefix + "wr.reqs", block.writeRequests());
                add(params, prefix + "wr.bytes", block.writeBytes());
            });
            counted(() -> domains.blockSize(record.uuid(), target)).ifPresent((DeviceCounters.Size size) -> {
                add(params, prefix + "allocation", size.allocation());
                add(params, prefix + "capacity", size.capacity());
                add(params, prefix + "physical", size.physical());
            });
        }
    }

    /** Counters the card gives; none where it cannot count, as QEMU leaves out what it cannot read. */
    private static <T> Optional<T> counted(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (VirtException e) {
            return Optional.empty();
        }
    }

    private static void add(List<TypedParam> params, String field, long value) {
        params.add(new TypedParam(field, new ULLongValue(value)));
    }
}
