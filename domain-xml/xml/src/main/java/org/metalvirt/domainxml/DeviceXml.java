package org.metalvirt.domainxml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;

/**
 * The payload of attach-device and detach-device: one {@code <disk>}, {@code <interface>} or
 * {@code <hostdev>}, read into the same model as a whole domain, and the edits of a definition
 * it asks for. Matching follows libvirt's persistent (AFFECT_CONFIG) attach and detach: disks by
 * target, interfaces by MAC, host devices by PCI address, any device by its user alias.
 */
public final class DeviceXml {

    private static final Set<String> ATTACHABLE = Set.of("disk", "interface", "hostdev");

    /**
     * libvirt's order of device kinds in a formatted document, so that an attached device lands
     * where {@code dumpxml} would print it.
     */
    private static final List<String> ORDER = List.of(
            "emulator",
            "disk",
            "controller",
            "lease",
            "filesystem",
            "interface",
            "smartcard",
            "serial",
            "parallel",
            "console",
            "channel",
            "input",
            "tpm",
            "graphics",
            "sound",
            "audio",
            "video",
            "hostdev",
            "redirdev",
            "redirfilter",
            "hub",
            "watchdog",
            "memballoon",
            "rng",
            "panic",
            "shmem",
            "memory",
            "iommu",
            "vsock",
            "crypto",
            "pstore");

    private DeviceXml() {}

    /** Reads one device element; an interface without a MAC is returned without one. */
    public static Device parse(String xml) {
        return DeviceReader.read(element(xml));
    }

    /**
     * A copy of the definition with the device added (a missing interface MAC generated and
     * written in). Fails as libvirt's persistent attach fails: a taken disk target is
     * {@code VIR_ERR_OPERATION_INVALID}, a taken user alias {@code VIR_ERR_CONFIG_UNSUPPORTED}.
     */
    public static DomainDefinition attach(DomainDefinition definition, String xml) {
        XmlElement element = element(xml);
        Device device = DeviceReader.read(element);
        if (device.alias().isPresent()
                && definition.devices().stream().anyMatch(d -> d.alias().equals(device.alias()))) {
            throw Errors.unsupported(
                    "non unique alias detected: " + device.alias().get());
        }
        if (device instanceof Device.Disk disk
                && definition.devices().stream()
                        .anyMatch(d ->
                                d instanceof Device.Disk other && other.target().equals(disk.target()))) {
            throw Errors.of(
                    ErrorNumber.OPERATION_INVALID,
                    "Requested operation is not valid: target " + disk.target() + " already exists");
        }
        if (device instanceof Device.Hostdev hostdev
                && hostdev.pciAddress().isPresent()
                && definition.devices().stream()
                        .anyMatch(d -> d instanceof Device.Hostdev other
                                && other.pciAddress().equals(hostdev.pciAddress()))) {
            throw Errors.of(
                    ErrorNumber.OPERATION_INVALID,
                    "Requested operation is not valid: device is already in the domain configuration");
        }
        if (device instanceof Device.Interface nic && nic.mac().isEmpty()) {
            Set<String> used = new HashSet<>();
            definition.devices().forEach(d -> DomainXml.macOf(d).ifPresent(used::add));
            element.add(0, new XmlElement("mac").attribute("address", Mac.generate(definition.uuid(), used)));
        }
        XmlElement root = definition.document();
        XmlElement devices = root.child("devices").orElseGet(() -> root.add("devices"));
        devices.add(insertionPoint(devices, element.name()), element);
        return DomainXml.read(root);
    }

    /**
     * A copy of the definition without the device the payload names: by user alias if it has
     * one, else a disk by target, an interface by MAC (any interface when it has none, if only
     * one), a host device by PCI address. Not found is {@code VIR_ERR_DEVICE_MISSING}.
     */
    public static DomainDefinition detach(DomainDefinition definition, String xml) {
        Device wanted = DeviceReader.read(element(xml), false);
        List<Device> devices = definition.devices();
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            if (matches(wanted, devices.get(i))) {
                matches.add(i);
            }
        }
        if (matches.isEmpty()) {
            throw Errors.of(ErrorNumber.DEVICE_MISSING, missing(wanted));
        }
        if (matches.size() > 1) {
            Optional<String> mac = DomainXml.macOf(wanted);
            throw Errors.of(
                    ErrorNumber.OPERATION_FAILED,
                    mac.map(m -> "operation failed: multiple devices matching MAC address " + m + " found")
                            .orElse("operation failed: multiple matching devices found"));
        }
        return remove(definition, matches.get(0));
    }

    /** virDomainDetachDeviceAlias, persistently: the device with this alias goes. */
    public static DomainDefinition detachAlias(DomainDefinition definition, String alias) {
        List<Device> devices = definition.devices();
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).alias().filter(alias::equals).isPresent()) {
                return remove(definition, i);
            }
        }
        throw Errors.of(ErrorNumber.DEVICE_MISSING, "device not found: no device found with alias " + alias);
    }

    private static boolean matches(Device wanted, Device candidate) {
        if (!wanted.element().equals(candidate.element())) {
            return false;
        }
        if (wanted.alias().isPresent()) {
            return wanted.alias().equals(candidate.alias());
        }
        if (wanted instanceof Device.Disk disk) {
            return ((Device.Disk) candidate).target().equals(disk.target());
        } else if (wanted instanceof Device.Interface nic) {
            return nic.mac().isEmpty() || nic.mac().equals(((Device.Interface) candidate).mac());
        } else if (wanted instanceof Device.Hostdev hostdev) {
            return hostdev.pciAddress().equals(((Device.Hostdev) candidate).pciAddress());
        }
        return false;
    }

    /** libvirt's words for each kind of device that is not there. */
    private static String missing(Device wanted) {
        if (wanted.alias().isPresent()) {
            return "device not found: no device found with alias "
                    + wanted.alias().get();
        } else if (wanted instanceof Device.Disk disk) {
            return "device not found: no target device " + disk.target();
        } else if (wanted instanceof Device.Interface nic && nic.mac().isPresent()) {
            return "device not found: no device matching MAC address "
                    + nic.mac().get() + " found";
        }
        return "device not found: device not present in domain configuration";
    }

    private static DomainDefinition remove(DomainDefinition definition, int index) {
        XmlElement root = definition.document();
        XmlElement devices = root.child("devices").orElseThrow();
        devices.remove(devices.children().get(index));
        return DomainXml.read(root);
    }

    private static XmlElement element(String xml) {
        XmlElement element = XmlReader.parse(xml);
        if (!ATTACHABLE.contains(element.name())) {
            throw Errors.unsupported("persistent attach of device '" + element.name() + "' is not supported");
        }
        return element;
    }

    /** After the last device of the same kind, else before the first kind libvirt prints later. */
    private static int insertionPoint(XmlElement devices, String name) {
        List<XmlElement> children = devices.children();
        int rank = rank(name);
        int index = children.size();
        for (int i = children.size() - 1; i >= 0; i--) {
            if (rank(children.get(i).name()) > rank) {
                index = i;
            }
        }
        Optional<XmlElement> lastSame =
                children.stream().filter(c -> c.name().equals(name)).reduce((first, second) -> second);
        return lastSame.map(e -> children.indexOf(e) + 1).orElse(index);
    }

    private static int rank(String name) {
        int rank = ORDER.indexOf(name);
        return rank < 0 ? ORDER.size() : rank;
    }
}
