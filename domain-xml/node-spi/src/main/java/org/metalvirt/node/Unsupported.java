package org.metalvirt.node;

import java.util.List;
import java.util.Optional;
import org.metalvirt.error.VirtException;

/**
 * The null objects a {@link NodeDriver} holds for capabilities its backend lacks: each answers
 * libvirt's "not supported", so callers never test for {@code null}.
 */
final class Unsupported
        implements PowerControl,
                BootControl,
                BlockStorage,
                NetworkAttachment,
                ConsoleAccess,
                DeviceCounters,
                HostStatistics {

    static final Unsupported INSTANCE = new Unsupported();

    private Unsupported() {}

    private static VirtException no(String what) {
        return VirtException.noSupport(what + " on this node");
    }

    @Override
    public PowerState state() {
        throw no("power state");
    }

    @Override
    public void powerOn() {
        throw no("power on");
    }

    @Override
    public void requestShutdown() {
        throw no("ACPI shutdown");
    }

    @Override
    public void powerOff() {
        throw no("power off");
    }

    @Override
    public void reset() {
        throw no("reset");
    }

    @Override
    public void watch(PowerListener listener) {
        // Nothing ever changes that this backend could report.
    }

    @Override
    public void setBoot(List<BootDevice> order, Optional<FirmwareMode> mode) {
        throw no("boot order");
    }

    @Override
    public String attach(VirtioBlkDisk disk) {
        throw no("virtio-blk disks");
    }

    @Override
    public String attach(VirtualFunction vf) {
        throw no("SR-IOV VFs");
    }

    @Override
    public void detach(String id) {
        throw no("device detach");
    }

    @Override
    public List<String> attached() {
        return List.of();
    }

    @Override
    public int capacity() {
        return 0;
    }

    @Override
    public Session open() {
        throw no("serial console");
    }

    @Override
    public Block block(String diskId) {
        throw no("block device statistics");
    }

    @Override
    public Size size(String diskId) {
        throw no("block device sizes");
    }

    @Override
    public Interface network(String vfId) {
        throw no("interface statistics");
    }

    @Override
    public CpuUse cpu(java.util.OptionalInt cpu) {
        throw no("the server's processor statistics");
    }

    @Override
    public MemoryUse memory(java.util.OptionalInt cell) {
        throw no("the server's memory statistics");
    }
}
