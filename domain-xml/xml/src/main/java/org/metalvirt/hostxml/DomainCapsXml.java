package org.metalvirt.hostxml;

import java.util.ArrayList;
import java.util.List;
import org.metalvirt.cpumodel.CpuModel;
import org.metalvirt.cpumodel.CpuModels;
import org.metalvirt.cpumodel.HostCpu;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.ServerFirmware;
import org.metalvirt.xml.XmlElement;

/**
 * Formats libvirt's domain capabilities for one server, in the order libvirt's QEMU driver
 * writes them. It offers what the server and its card can really give: the firmware the server
 * has, its own CPU (passthrough, or its model and features), virtio disks and PCI hostdevs from
 * the card, and nothing that needs an emulator (graphics, video, TPM, RNG, SEV…).
 */
public final class DomainCapsXml {

    private DomainCapsXml() {}

    public static String format(NodeInventory node, DomainCapsTarget target) {
        Dom dom = Dom.create();
        XmlElement caps = dom.root("domainCapabilities");
        // The schema wants a path; a connection without an emulator has none to give.
        target.path().ifPresent(path -> dom.text(caps, "path", path));
        dom.text(caps, "domain", target.domainType());
        dom.text(caps, "machine", target.machine());
        dom.text(caps, "arch", target.arch());
        dom.child(caps, "vcpu", "max", node.cpu().logicalCpus());
        supported(dom, caps, "iothreads", false);
        os(dom, caps, node.firmware());
        cpu(dom, caps, HostCpu.of(node));
        supported(dom, caps, "memoryBacking", false);
        devices(dom, dom.child(caps, "devices"));
        XmlElement features = dom.child(caps, "features");
        for (String feature : List.of("gic", "vmcoreinfo", "genid", "backingStoreInput", "backup", "sev", "sgx")) {
            supported(dom, features, feature, false);
        }
        return dom.print();
    }

    /** UEFI is a pflash loader, legacy BIOS a ROM one: what virt-install and Nova look for. */
    private static void os(Dom dom, XmlElement caps, ServerFirmware firmware) {
        XmlElement os = supported(dom, caps, "os", true);
        List<String> modes = new ArrayList<>();
        List<String> loaderTypes = new ArrayList<>();
        if (firmware.has(FirmwareMode.BIOS)) {
            modes.add("bios");
            loaderTypes.add("rom");
        }
        if (firmware.has(FirmwareMode.EFI)) {
            modes.add("efi");
            loaderTypes.add("pflash");
        }
        enumeration(dom, os, "firmware", modes);
        XmlElement loader = supported(dom, os, "loader", true);
        enumeration(dom, loader, "type", loaderTypes);
        // The firmware is the server's own flash: the OS never writes its code.
        enumeration(dom, loader, "readonly", List.of("yes"));
        enumeration(dom, loader, "secure", firmware.secureBoot() ? List.of("yes", "no") : List.of("no"));
    }

    private static void cpu(Dom dom, XmlElement caps, HostCpu host) {
        XmlElement cpu = dom.child(caps, "cpu");
        // The OS runs on the CPU itself, which cannot migrate.
        XmlElement passthrough = mode(dom, cpu, "host-passthrough", true);
        enumeration(dom, passthrough, "hostPassthroughMigratable", List.of("off"));
        mode(dom, cpu, "maximum", false);

        XmlElement hostModel = mode(dom, cpu, "host-model", true);
        dom.text(hostModel, "model", host.model(), "fallback", "forbid");
        dom.text(hostModel, "vendor", host.vendor());
        for (String feature : host.addedToModel()) {
            dom.child(hostModel, "feature", "policy", "require", "name", feature);
        }
        for (String feature : host.missingFromModel()) {
            dom.child(hostModel, "feature", "policy", "disable", "name", feature);
        }

        XmlElement custom = mode(dom, cpu, "custom", true);
        for (CpuModel model : CpuModels.table().forArch(host.arch())) {
            dom.text(
                    custom,
                    "model",
                    model.name(),
                    "usable",
                    host.runs(model) ? "yes" : "no",
                    "vendor",
                    model.vendorOrUnknown());
        }
    }

    /** The card's devices: virtio-blk disks, SR-IOV VFs as PCI hostdevs; nothing emulated. */
    private static void devices(Dom dom, XmlElement devices) {
        XmlElement disk = supported(dom, devices, "disk", true);
        enumeration(dom, disk, "diskDevice", List.of("disk", "cdrom"));
        enumeration(dom, disk, "bus", List.of("virtio"));
        enumeration(dom, disk, "model", List.of("virtio"));
        supported(dom, devices, "graphics", false);
        supported(dom, devices, "video", false);
        XmlElement hostdev = supported(dom, devices, "hostdev", true);
        enumeration(dom, hostdev, "mode", List.of("subsystem"));
        enumeration(dom, hostdev, "startupPolicy", List.of("default", "mandatory", "requisite", "optional"));
        enumeration(dom, hostdev, "subsysType", List.of("pci"));
        enumeration(dom, hostdev, "capsType", List.of());
        enumeration(dom, hostdev, "pciBackend", List.of("default"));
        for (String device : List.of("rng", "filesystem", "tpm", "redirdev", "channel")) {
            supported(dom, devices, device, false);
        }
    }

    private static XmlElement supported(Dom dom, XmlElement parent, String name, boolean supported) {
        return dom.child(parent, name, "supported", supported ? "yes" : "no");
    }

    private static XmlElement mode(Dom dom, XmlElement cpu, String name, boolean supported) {
        return dom.child(cpu, "mode", "name", name, "supported", supported ? "yes" : "no");
    }

    private static void enumeration(Dom dom, XmlElement parent, String name, List<String> values) {
        XmlElement enumeration = dom.child(parent, "enum", "name", name);
        for (String value : values) {
            dom.text(enumeration, "value", value);
        }
    }
}
