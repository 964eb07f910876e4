package org.metalvirt.domainxml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.xml.XmlElement;

/**
 * Reads the children of {@code <devices>} into {@link Device}s, with libvirt's parse-time rules
 * (required attributes, value ranges). Normalises the element in place where libvirt's defined
 * XML differs from what was sent: aliases that are not user aliases are dropped, MACs are
 * lower case.
 */
final class DeviceReader {

    private static final Set<String> DISK_DEVICES = Set.of("disk", "cdrom", "floppy", "lun");
    private static final Set<String> DISK_TYPES =
            Set.of("file", "block", "dir", "network", "volume", "nvme", "vhostuser", "vhostvdpa");
    private static final Set<String> PROTOCOLS = Set.of(
            "nbd",
            "rbd",
            "sheepdog",
            "gluster",
            "iscsi",
            "http",
            "https",
            "ftp",
            "ftps",
            "tftp",
            "ssh",
            "vxhs",
            "nfs",
            "nvme",
            "nvme-of");
    private static final Set<String> INTERFACE_TYPES = Set.of(
            "user",
            "ethernet",
            "vhostuser",
            "server",
            "client",
            "mcast",
            "network",
            "bridge",
            "internal",
            "direct",
            "hostdev",
            "udp",
            "vdpa",
            "null",
            "vds");
    /** Characters libvirt allows in a user alias after {@code ua-}. */
    private static final String USER_ALIAS = "ua-[A-Za-z0-9_-]+";

    private DeviceReader() {}

    static Device read(XmlElement element) {
        return read(element, true);
    }

    /**
     * Reads a device; without {@code validate}, as libvirt reads a detach payload, only enough of
     * it to find the device ({@code <disk><target dev='vdb'/></disk>} is a valid request).
     */
    static Device read(XmlElement element, boolean validate) {
        Optional<String> alias = alias(element);
        OptionalInt boot = bootOrder(element);
        return switch (element.name()) {
            case "disk" -> disk(element, boot, alias, validate);
            case "interface" -> netInterface(element, boot, alias);
            case "hostdev" -> hostdev(element, boot, alias);
            case "serial", "console" ->
                new Device.Chr(
                        element.name(),
                        element.attribute("type").orElse("pty"),
                        element.child("target").flatMap(t -> t.attribute("type")),
                        alias);
            default ->
                new Device.Other(
                        element.name(), element.attribute("type").or(() -> element.attribute("model")), boot, alias);
        };
    }

    /** The user alias, if the element has one; any other alias is removed, as libvirt does at define. */
    private static Optional<String> alias(XmlElement element) {
        Optional<XmlElement> alias = element.child("alias");
        if (alias.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> name = alias.get().attribute("name").filter(n -> n.matches(USER_ALIAS));
        if (name.isEmpty()) {
            element.remove(alias.get());
        }
        return name;
    }

    private static OptionalInt bootOrder(XmlElement element) {
        Optional<XmlElement> boot = element.child("boot");
        if (boot.isEmpty()) {
            return OptionalInt.empty();
        }
        String order = boot.get()
                .attribute("order")
                .orElseThrow(() -> Errors.xml("Missing required attribute 'order' in element 'boot'"));
        try {
            int value = Integer.parseInt(order.strip());
            if (value > 0) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Errors.xml(
                "Invalid value for attribute 'order' in element 'boot': '" + order + "'. Expected non-zero value");
    }

    private static Device.Disk disk(XmlElement disk, OptionalInt boot, Optional<String> alias, boolean validate) {
        String type = disk.attribute("type").orElse("file");
        if (!DISK_TYPES.contains(type)) {
            throw Errors.xml("unknown disk type '" + type + "'");
        }
        String device = disk.attribute("device").orElse("disk");
        if (!DISK_DEVICES.contains(device)) {
            throw Errors.xml("unknown disk device '" + device + "'");
        }
        Optional<XmlElement> sourceElement = disk.child("source");
        Device.DiskSource source = source(type, sourceElement, disk);
        Optional<XmlElement> target = disk.child("target");
        String dev = target.flatMap(t -> t.attribute("dev")).orElseThrow(() -> {
            String path = describe(source);
            return Errors.of(
                    ErrorNumber.NO_TARGET,
                    path.equals("<null>") ? "missing target information" : "missing target information for " + path);
        });
        if (validate
                && (device.equals("disk") || device.equals("lun"))
                && !(dev.startsWith("hd")
                        || dev.startsWith("sd")
                        || dev.startsWith("vd")
                        || dev.startsWith("xvd")
                        || dev.startsWith("ubd"))) {
            throw Errors.internal("Invalid harddisk device name: " + dev);
        }
        boolean empty = sourceElement.isEmpty()
                || (source instanceof Device.DiskSource.None && (type.equals("file") || type.equals("block")));
        if (validate && device.equals("disk") && empty) {
            throw Errors.of(ErrorNumber.NO_SOURCE, "missing source information for " + dev);
        }
        boolean readOnly = disk.child("readonly").isPresent() || device.equals("cdrom");
        return new Device.Disk(
                type,
                device,
                source,
                dev,
                target.flatMap(t -> t.attribute("bus")),
                disk.childText("serial"),
                readOnly,
                disk.child("encryption").isPresent()
                        || sourceElement.flatMap(s -> s.child("encryption")).isPresent(),
                boot,
                alias);
    }

    private static Device.DiskSource source(String type, Optional<XmlElement> element, XmlElement disk) {
        if (element.isEmpty()) {
            if (type.equals("network")) {
                throw Errors.xml("missing source for disk of type 'network'");
            }
            return new Device.DiskSource.None();
        }
        XmlElement source = element.get();
        return switch (type) {
            case "network" -> {
                String protocol = source.attribute("protocol")
                        .orElseThrow(() -> Errors.xml("missing network source protocol type"));
                if (!PROTOCOLS.contains(protocol)) {
                    throw Errors.xml("unknown protocol type '" + protocol + "'");
                }
                Optional<String> name = source.attribute("name");
                if (name.isEmpty() && !protocol.equals("nbd")) {
                    throw Errors.xml("missing name for disk source");
                }
                List<String> hosts = new ArrayList<>();
                for (XmlElement host : source.children("host")) {
                    String hostName = host.attribute("name")
                            .or(() -> host.attribute("socket"))
                            .orElseThrow(() -> Errors.xml("missing name for host of disk source"));
                    hosts.add(host.attribute("port")
                            .map(port -> hostName + ":" + port)
                            .orElse(hostName + defaultPort(protocol)));
                }
                // Newer agents put <auth> inside <source>, older ones (Nova) beside it.
                Optional<XmlElement> auth = source.child("auth").or(() -> disk.child("auth"));
                yield new Device.DiskSource.Network(protocol, name, hosts, auth.map(DeviceReader::secret));
            }
            case "block" ->
                source.attribute("dev")
                        .<Device.DiskSource>map(Device.DiskSource.Block::new)
                        .orElseGet(Device.DiskSource.None::new);
            case "file" ->
                source.attribute("file")
                        .<Device.DiskSource>map(file -> new Device.DiskSource.File(
                                file,
                                // libvirt never probes a format: no <driver type> means raw.
                                disk.child("driver")
                                        .flatMap(driver -> driver.attribute("type"))
                                        .orElse("raw")))
                        .orElseGet(Device.DiskSource.None::new);
            case "volume" -> {
                Optional<String> pool = source.attribute("pool");
                Optional<String> volume = source.attribute("volume");
                if (pool.isEmpty() || volume.isEmpty()) {
                    throw Errors.xml("'pool' and 'volume' must be specified together for disk of type 'volume'");
                }
                yield new Device.DiskSource.Volume(pool.get(), volume.get());
            }
            default -> new Device.DiskSource.None();
        };
    }

    /** The port a protocol's client uses when the XML names none; the plan always carries one. */
    private static String defaultPort(String protocol) {
        return switch (protocol) {
            case "rbd" -> ":6789";
            case "iscsi" -> ":3260";
            case "nbd" -> ":10809";
            case "nvme", "nvme-of" -> ":4420";
            default -> "";
        };
    }

    private static Device.SecretRef secret(XmlElement auth) {
        XmlElement secret = auth.child("secret").orElseThrow(() -> Errors.xml("missing secret device in auth"));
        String type = secret.attribute("type").orElseThrow(() -> Errors.xml("missing secret type in auth"));
        Optional<String> uuid = secret.attribute("uuid");
        Optional<String> usage = secret.attribute("usage");
        if (uuid.isPresent() == usage.isPresent()) {
            throw Errors.xml("either secret uuid or usage expected");
        }
        uuid.ifPresent(DomainXml::parseUuid);
        return new Device.SecretRef(auth.attribute("username"), type, uuid, usage);
    }

    /** What libvirt prints for a disk's source in its messages ({@code <null>} when it has no path). */
    static String describe(Device.DiskSource source) {
        if (source instanceof Device.DiskSource.Network network) {
            return network.name().orElse("<null>");
        } else if (source instanceof Device.DiskSource.Block block) {
            return block.dev();
        } else if (source instanceof Device.DiskSource.File file) {
            return file.path();
        }
        return "<null>";
    }

    private static Device.Interface netInterface(XmlElement element, OptionalInt boot, Optional<String> alias) {
        String type = element.attribute("type").orElse("user");
        if (!INTERFACE_TYPES.contains(type)) {
            throw Errors.xml("unknown interface type '" + type + "'");
        }
        Optional<XmlElement> macElement = element.child("mac");
        Optional<String> mac = macElement.flatMap(m -> m.attribute("address")).map(Mac::parse);
        mac.ifPresent(address -> macElement.get().attribute("address", address));
        Optional<XmlElement> source = element.child("source");
        Optional<String> sourceName = switch (type) {
            case "hostdev" -> source.flatMap(s -> s.child("address")).map(DeviceReader::pciAddress);
            case "direct", "vdpa" -> source.flatMap(s -> s.attribute("dev"));
            case "network" -> source.flatMap(s -> s.attribute("network"));
            case "bridge" -> source.flatMap(s -> s.attribute("bridge"));
            default -> Optional.empty();
        };
        if (sourceName.isEmpty()
                && Set.of("network", "bridge", "direct", "vdpa").contains(type)) {
            String attribute = switch (type) {
                case "network" -> "network";
                case "bridge" -> "bridge";
                default -> "dev";
            };
            throw Errors.xml(
                    "No <source> '" + attribute + "' attribute specified with <interface type='" + type + "'/>");
        }
        List<Integer> tags = new ArrayList<>();
        Optional<XmlElement> vlan = element.child("vlan");
        for (XmlElement tag : vlan.map(v -> v.children("tag")).orElse(List.of())) {
            String id = tag.attribute("id").orElseThrow(() -> Errors.xml("missing id for VLAN tag"));
            tags.add(vlanTag(id));
        }
        if (vlan.isPresent() && tags.isEmpty()) {
            throw Errors.xml("missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
        }
        boolean trunk =
                vlan.flatMap(v -> v.attribute("trunk")).map("yes"::equals).orElse(tags.size() > 1);
        if (!trunk && tags.size() > 1) {
            throw Errors.xml("multiple VLAN tags specified, but trunk='no'");
        }
        boolean trust =
                element.attribute("trustGuestRxFilters").map("yes"::equals).orElse(false);
        return new Device.Interface(type, mac, sourceName, tags, trunk, trust, boot, alias);
    }

    private static int vlanTag(String id) {
        try {
            int value = Integer.parseInt(id.strip());
            if (value >= 0 && value <= 4095) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Errors.xml("vlan tag id '" + id + "' must be a number between 0 and 4095");
    }

    private static Device.Hostdev hostdev(XmlElement element, OptionalInt boot, Optional<String> alias) {
        String mode = element.attribute("mode").orElse("subsystem");
        String type = element.attribute("type").orElseThrow(() -> Errors.xml("missing type in hostdev"));
        Optional<String> address = Optional.empty();
        if (mode.equals("subsystem") && type.equals("pci")) {
            address = Optional.of(element.child("source")
                    .flatMap(s -> s.child("address"))
                    .map(DeviceReader::pciAddress)
                    .orElseThrow(() -> Errors.xml("PCI host devices must use 'pci' or 'unassigned' address type")));
        }
        return new Device.Hostdev(mode, type, address, boot, alias);
    }

    /** {@code <address domain bus slot function>} as {@code dddd:bb:ss.f}, each part range-checked. */
    static String pciAddress(XmlElement address) {
        int domain = pciPart(address, "domain", 0xFFFF, true);
        int bus = pciPart(address, "bus", 0xFF, false);
        int slot = pciPart(address, "slot", 0x1F, false);
        int function = pciPart(address, "function", 0x7, true);
        return String.format("%04x:%02x:%02x.%x", domain, bus, slot, function);
    }

    private static int pciPart(XmlElement address, String name, int max, boolean optional) {
        Optional<String> text = address.attribute(name);
        if (text.isEmpty()) {
            if (optional) {
                return 0;
            }
            throw Errors.xml("Missing required attribute '" + name + "' in element 'address'");
        }
        String value = text.get().strip();
        try {
            int number = value.startsWith("0x") || value.startsWith("0X")
                    ? Integer.parseInt(value.substring(2), 16)
                    : Integer.parseInt(value);
            if (number >= 0 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Errors.xml("Invalid PCI address " + name + "='" + value + "', must be <= 0x"
                + Integer.toHexString(max).toUpperCase());
    }
}
