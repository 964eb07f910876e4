package org.metalvirt.domainxml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;

/**
 * Maps a {@link DomainDefinition} onto one server: each element is acted on, knowingly left
 * alone, or refused with {@code VIR_ERR_CONFIG_UNSUPPORTED} naming the element and the reason.
 * shim/docs/domain-xml.md is the same table in prose; keep the two together.
 */
final class Planner {

    /** Protocols the card's block service speaks. */
    private static final Set<String> PROTOCOLS = Set.of("iscsi", "rbd", "nbd", "nvme", "nvme-of");

    private static final Set<String> FILE_FORMATS = Set.of("raw", "qcow2");

    /** Interface types that become a VF of the card's NIC. */
    private static final Set<String> VF_INTERFACES = Set.of("hostdev", "direct", "vdpa", "network", "bridge");

    /** What only a VM has: kept in the XML, listed, not acted on. */
    private static final Set<String> VM_ONLY = Set.of(
            "emulator",
            "graphics",
            "video",
            "input",
            "sound",
            "audio",
            "memballoon",
            "channel",
            "rng",
            "controller",
            "watchdog",
            "panic",
            "redirdev",
            "redirfilter",
            "hub",
            "smartcard",
            "iommu",
            "vsock",
            "parallel",
            "crypto",
            "pstore");

    /** Devices a server cannot be given, with the reason. */
    private static final Map<String, String> REFUSED_DEVICES = Map.of(
            "filesystem", "a host directory can only be shared with a VM",
            "shmem", "memory shared with the host exists only for a VM",
            "memory", "memory modules cannot be added to a server",
            "tpm", "the server has its own TPM; an emulated one cannot be given to it",
            "lease", "storage leases are held by a hypervisor");

    /** Top-level elements a server cannot honour, with the reason. */
    private static final Map<String, String> REFUSED_ELEMENTS = Map.of(
            "launchSecurity", "memory encryption is set up by a hypervisor",
            "bootloader", "a host-side bootloader needs a hypervisor to load the kernel");

    private Planner() {}

    /**
     * The id a device of the definition has in the plan — its user alias, else a disk's target,
     * an interface's MAC, a PCI host device's derived MAC — or empty for devices the card does
     * not handle. The same ids the plan's disks and VFs carry.
     */
    static Optional<String> idOf(Device device, DomainDefinition definition) {
        if (device instanceof Device.Disk disk) {
            return Optional.of(disk.alias().orElse(disk.target()));
        }
        if (device instanceof Device.Interface nic) {
            return nic.alias().or(nic::mac);
        }
        if (device instanceof Device.Hostdev hostdev) {
            return hostdev.alias().or(() -> hostdev.pciAddress().map(pci -> Mac.derive(definition.uuid(), pci)));
        }
        return Optional.empty();
    }

    static NodePlan plan(DomainDefinition definition, NodeInventory inventory, NodeLimits limits) {
        checkOs(definition, inventory);
        checkSize(definition, inventory);
        checkLifecycle(definition.lifecycle());
        List<String> notActedOn = new ArrayList<>();
        for (String element : definition.ignored()) {
            if (REFUSED_ELEMENTS.containsKey(element)) {
                throw Errors.unsupported("<" + element + ">: " + REFUSED_ELEMENTS.get(element));
            }
            notActedOn.add(element);
        }
        List<VirtioBlkDisk> disks = new ArrayList<>();
        List<VirtualFunction> vfs = new ArrayList<>();
        Map<Device, String> ids = new HashMap<>();
        boolean console = false;
        for (Device device : definition.devices()) {
            if (device instanceof Device.Disk disk) {
                disk(disk, notActedOn).ifPresent(blk -> {
                    disks.add(blk);
                    ids.put(disk, blk.id());
                });
            } else if (device instanceof Device.Interface nic) {
                VirtualFunction vf = vf(nic);
                vfs.add(vf);
                ids.put(nic, vf.id());
            } else if (device instanceof Device.Hostdev hostdev) {
                VirtualFunction vf = vf(hostdev, definition);
                vfs.add(vf);
                ids.put(hostdev, vf.id());
            } else if (device instanceof Device.Chr) {
                console = true;
            } else if (device instanceof Device.Other other) {
                if (REFUSED_DEVICES.containsKey(other.element())) {
                    throw Errors.unsupported("<" + other.element() + ">: " + REFUSED_DEVICES.get(other.element()));
                }
                // Unknown elements are kept too: libvirt ignores what it does not know.
                notActedOn.add(
                        other.element() + other.type().map(type -> " " + type).orElse(""));
            }
        }
        checkLimits(disks, vfs, limits);
        return new NodePlan(
                definition.lifecycle(),
                definition.firmware(),
                definition.secureBoot(),
                boot(definition, ids),
                disks,
                vfs,
                console,
                List.copyOf(new LinkedHashSet<>(notActedOn)));
    }

    private static void checkOs(DomainDefinition definition, NodeInventory inventory) {
        if (!definition.osType().equals("hvm")) {
            throw Errors.unsupported("<os><type>" + definition.osType()
                    + "</type>: a server boots its own firmware; only 'hvm' describes it");
        }
        definition.arch().filter(arch -> !runsOn(arch, inventory.arch())).ifPresent(arch -> {
            throw Errors.unsupported("<os><type arch='" + arch + "'>: the server is " + inventory.arch());
        });
        definition.kernel().ifPresent(kernel -> {
            throw Errors.unsupported("<os><kernel>: direct kernel boot needs a hypervisor to load '" + kernel
                    + "'; a server boots from its firmware");
        });
    }

    /** A 32-bit OS of the same family boots on its 64-bit server. */
    private static boolean runsOn(String arch, String server) {
        return arch.equals(server) || (server.equals("x86_64") && arch.equals("i686"));
    }

    private static void checkSize(DomainDefinition definition, NodeInventory inventory) {
        int cpus = inventory.cpu().logicalCpus();
        if (definition.maxVcpus() > cpus) {
            throw Errors.unsupported(
                    "<vcpu>: " + definition.maxVcpus() + " vCPUs exceed the " + cpus + " logical CPUs of the server");
        }
        if (definition.memoryKiB() > inventory.memoryKiB()) {
            throw Errors.unsupported("<memory>: " + definition.memoryKiB() + " KiB exceed the " + inventory.memoryKiB()
                    + " KiB of the server");
        }
    }

    private static void checkLifecycle(LifecycleActions lifecycle) {
        check("on_poweroff", lifecycle.onPoweroff());
        check("on_reboot", lifecycle.onReboot());
        check("on_crash", lifecycle.onCrash());
    }

    private static void check(String element, LifecycleActions.Action action) {
        String reason = switch (action) {
            case RENAME_RESTART -> "renaming a domain on restart is a Xen feature";
            case COREDUMP_DESTROY, COREDUMP_RESTART -> "the card cannot dump the server's memory";
            default -> null;
        };
        if (reason != null) {
            throw Errors.unsupported("<" + element + ">" + action.xml() + "</" + element + ">: " + reason);
        }
    }

    private static Optional<VirtioBlkDisk> disk(Device.Disk disk, List<String> notActedOn) {
        String element = "<disk type='" + disk.type() + "' device='" + disk.device() + "'> " + disk.target();
        if (disk.device().equals("floppy")) {
            throw Errors.unsupported(element + ": a server has no floppy drive");
        }
        if (disk.encrypted()) {
            throw Errors.unsupported(element + ": <encryption>: the card does not decrypt volumes; a hypervisor does");
        }
        String id = disk.alias().orElse(disk.target());
        Device.DiskSource source = disk.source();
        if (source instanceof Device.DiskSource.Network network) {
            if (!PROTOCOLS.contains(network.protocol())) {
                throw Errors.unsupported(element + ": protocol '" + network.protocol()
                        + "': the card serves iscsi, rbd, nbd and nvme-of volumes");
            }
            String protocol = network.protocol().equals("nvme") ? "nvme-of" : network.protocol();
            return Optional.of(new VirtioBlkDisk(
                    id,
                    disk.serial(),
                    protocol,
                    network.name().orElse(""),
                    network.hosts(),
                    network.auth().map(Device.SecretRef::reference),
                    disk.readOnly()));
        } else if (source instanceof Device.DiskSource.Block block) {
            return Optional.of(new VirtioBlkDisk(
                    id, disk.serial(), "block", block.dev(), List.of(), Optional.empty(), disk.readOnly()));
        } else if (source instanceof Device.DiskSource.Volume volume) {
            return Optional.of(new VirtioBlkDisk(
                    id,
                    disk.serial(),
                    "volume",
                    volume.pool() + "/" + volume.volume(),
                    List.of(),
                    Optional.empty(),
                    disk.readOnly()));
        } else if (source instanceof Device.DiskSource.File file) {
            if (!FILE_FORMATS.contains(file.format())) {
                throw Errors.unsupported(
                        element + ": <driver type='" + file.format() + "'>: the card serves raw and qcow2 image files");
            }
            // An image on the card's directory or NFS mount (a dir or netfs pool); the provider opens it.
            return Optional.of(VirtioBlkDisk.file(id, disk.serial(), file.path(), file.format(), disk.readOnly()));
        }
        if (disk.device().equals("cdrom")) {
            notActedOn.add("disk cdrom " + disk.target() + " (no media)");
            return Optional.empty();
        }
        throw Errors.unsupported(element + ": the card serves network, block and volume disks only");
    }

    private static VirtualFunction vf(Device.Interface nic) {
        // A MAC is always there: parse() writes one in when the XML has none.
        String mac = nic.mac().orElseThrow();
        String element = "<interface type='" + nic.type() + "'> " + mac;
        if (!VF_INTERFACES.contains(nic.type())) {
            throw Errors.unsupported(element + ": the server's network ports are VFs of the card's NIC; "
                    + "use type hostdev, direct, vdpa, network or bridge");
        }
        if (nic.trunk() || nic.vlanTags().size() > 1) {
            throw Errors.unsupported(element + ": <vlan trunk='yes'>: a VF carries one VLAN tag");
        }
        OptionalInt vlan = nic.vlanTags().isEmpty()
                ? OptionalInt.empty()
                : OptionalInt.of(nic.vlanTags().get(0));
        // A hostdev interface's source names its VF, as Nova's SR-IOV ports do; the others take any free one.
        Optional<String> address = nic.type().equals("hostdev") ? nic.source() : Optional.empty();
        // A trusted VF may change its MAC: checking its source MAC would drop its traffic.
        return new VirtualFunction(nic.alias().orElse(mac), mac, vlan, !nic.trust(), nic.trust(), address);
    }

    private static VirtualFunction vf(Device.Hostdev hostdev, DomainDefinition definition) {
        if (!hostdev.mode().equals("subsystem") || !hostdev.type().equals("pci")) {
            throw Errors.unsupported("<hostdev mode='" + hostdev.mode() + "' type='" + hostdev.type()
                    + "'>: only PCI VFs of the card's NIC can be given to the server");
        }
        String mac = Mac.derive(definition.uuid(), hostdev.pciAddress().orElseThrow());
        return new VirtualFunction(
                hostdev.alias().orElse(mac), mac, OptionalInt.empty(), true, false, hostdev.pciAddress());
    }

    private static void checkLimits(List<VirtioBlkDisk> disks, List<VirtualFunction> vfs, NodeLimits limits) {
        if (disks.size() > limits.maxDisks()) {
            throw Errors.unsupported("<disk> " + disks.get(limits.maxDisks()).id() + ": " + disks.size()
                    + " disks exceed the " + limits.maxDisks() + " virtio-blk devices the card offers");
        }
        if (vfs.size() > limits.maxVfs()) {
            throw Errors.unsupported("<interface> " + vfs.get(limits.maxVfs()).id() + ": " + vfs.size()
                    + " interfaces exceed the " + limits.maxVfs() + " VFs the NIC offers");
        }
        Set<String> macs = new LinkedHashSet<>();
        for (VirtualFunction vf : vfs) {
            if (!macs.add(vf.mac())) {
                throw Errors.unsupported("<interface> " + vf.mac()
                        + ": the MAC is given to more than one interface; the NIC cannot program it on two VFs");
            }
        }
    }

    /** libvirt's rule: {@code <os><boot>}, or the per-device orders, or the first disk. */
    private static List<NodePlan.BootEntry> boot(DomainDefinition definition, Map<Device, String> ids) {
        if (!definition.bootOrder().isEmpty()) {
            return definition.bootOrder().stream()
                    .map(dev -> new NodePlan.BootEntry(dev, Optional.empty()))
                    .toList();
        }
        List<NodePlan.BootEntry> entries = new ArrayList<>();
        definition.devices().stream()
                .filter(d -> d.bootOrder().isPresent() && ids.containsKey(d))
                .sorted(Comparator.comparingInt(d -> d.bootOrder().getAsInt()))
                .forEach(d -> entries.add(new NodePlan.BootEntry(kind(d), Optional.of(ids.get(d)))));
        return entries.isEmpty() ? List.of(new NodePlan.BootEntry(BootDevice.DISK, Optional.empty())) : entries;
    }

    private static BootDevice kind(Device device) {
        if (device instanceof Device.Disk disk) {
            return disk.device().equals("cdrom") ? BootDevice.CDROM : BootDevice.DISK;
        }
        return BootDevice.NETWORK;
    }
}
