package org.metalvirt.domainxml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;
import org.metalvirt.xml.XmlWriter;

/**
 * Parses libvirt domain XML into a {@link DomainDefinition}, and produces the documents the
 * daemon hands back: the live XML with its {@code id}, and copies with new title, description
 * or metadata. The XML is the source of truth: the model only reads from it.
 */
public final class DomainXml {

    /** The namespace of metalvirt's own metadata; {@code <node>} in it binds a domain to a node. */
    public static final String NAMESPACE = "https://metalvirt.org/xmlns/domain/1";

    private DomainXml() {}

    /**
     * Parses and checks a domain document as libvirt does at define time; a missing {@code <uuid>}
     * is generated, a missing interface MAC too, and both are written into {@link DomainDefinition#xml()}.
     * Nothing here depends on the node: see {@link #plan} for that.
     */
    public static DomainDefinition parse(String xml) {
        return read(XmlReader.parse(xml));
    }

    /**
     * The definition a document tree holds, checked as {@link #parse} checks it. Edits of a
     * definition (a device attached or detached) change its tree and read it here: the document
     * is written once, for {@link DomainDefinition#xml()}, never written and parsed back.
     */
    static DomainDefinition read(XmlElement root) {
        if (!root.name().equals("domain")) {
            throw xmlError("expected root element <domain>, not <" + root.name() + ">");
        }
        root.removeAttribute("id");
        String type = root.attribute("type").orElseThrow(() -> xmlError("missing domain type attribute"));
        String name =
                root.childText("name").orElseThrow(() -> Errors.of(ErrorNumber.NO_NAME, "missing name information"));
        checkName(name);
        UUID uuid = root.childText("uuid").map(DomainXml::parseUuid).orElseGet(() -> {
            UUID generated = UUID.randomUUID();
            XmlElement element = new XmlElement("uuid").text(generated.toString());
            root.add(root.indexOf(root.child("name").orElseThrow()) + 1, element);
            return generated;
        });
        XmlElement memory = root.child("memory")
                .orElseThrow(
                        () -> xmlError("Memory size must be specified via <memory> or in the <numa> configuration"));
        long memoryKiB = memory(memory);
        long currentKiB = root.child("currentMemory")
                .map(DomainXml::memory)
                .map(c -> Math.min(c, memoryKiB))
                .orElse(memoryKiB);
        if (memoryKiB == 0) {
            throw xmlError("<memory>: the domain needs memory");
        }
        XmlElement vcpu = root.child("vcpu").orElse(null);
        int maxVcpus =
                vcpu == null ? 1 : positiveInt("vcpu", vcpu.text().orElse("").strip());
        int vcpus = vcpu == null
                ? 1
                : vcpu.attribute("current")
                        .map(c -> positiveInt("vcpu current", c))
                        .orElse(maxVcpus);
        if (vcpus > maxVcpus) {
            throw xmlError("<vcpu>: current " + vcpus + " exceeds maximum " + maxVcpus);
        }
        XmlElement os = root.child("os").orElseThrow(() -> xmlError("an os <type> must be specified"));
        XmlElement osType = os.child("type").orElseThrow(() -> xmlError("an os <type> must be specified"));
        List<BootDevice> boot = new ArrayList<>();
        for (XmlElement element : os.children("boot")) {
            boot.add(bootDevice(element.attribute("dev").orElseThrow(() -> xmlError("<boot> without dev"))));
        }
        Optional<String> cpuMode = root.child("cpu").map(cpu -> cpu(cpu, maxVcpus));
        List<Device> devices =
                root.child("devices").map(element -> devices(element, uuid)).orElse(List.of());
        DomainChecks.check(devices, !boot.isEmpty());
        return new DomainDefinition(
                type,
                name,
                uuid,
                root.childText("title"),
                root.child("description").flatMap(XmlElement::text),
                memoryKiB,
                currentKiB,
                maxVcpus,
                vcpus,
                osType.text().orElse("").strip(),
                osType.attribute("arch"),
                boot,
                boundNode(root),
                XmlWriter.write(root),
                firmware(os),
                secureBoot(os),
                os.childText("kernel"),
                lifecycle(root),
                cpuMode,
                devices,
                ignored(root));
    }

    /**
     * Checks a definition against the node it is bound to and maps it onto the server: power
     * actions, boot order, virtio-blk disks, VFs, console. Anything the server or the card cannot
     * honour is {@code VIR_ERR_CONFIG_UNSUPPORTED} naming the element and the reason.
     */
    public static NodePlan plan(DomainDefinition definition, NodeInventory inventory, NodeLimits limits) {
        return Planner.plan(definition, inventory, limits);
    }

    /** The document of a running domain: the definition with {@code id} right after {@code type}. */
    public static String live(DomainDefinition definition, OptionalInt id) {
        XmlElement root = definition.document();
        id.ifPresent(value -> root.attributeAfter("type", "id", value));
        return XmlWriter.write(root);
    }

    /**
     * The document as libvirt formats it without {@code VIR_DOMAIN_XML_SECURE}: graphics passwords
     * left out (their expiry and connected policy stay). A document without one is returned as it is.
     */
    public static String withoutSecrets(String xml) {
        XmlElement root = XmlReader.parse(xml);
        List<XmlElement> protectedGraphics = root.child("devices").stream()
                .flatMap(devices -> devices.children("graphics").stream())
                .filter(graphics -> graphics.attribute("passwd").isPresent())
                .toList();
        if (protectedGraphics.isEmpty()) {
            return xml;
        }
        protectedGraphics.forEach(graphics -> graphics.removeAttribute("passwd"));
        return XmlWriter.write(root);
    }

    /** A copy with the title (or, with {@code title} false, the description) set, or removed when empty. */
    public static DomainDefinition withText(DomainDefinition definition, boolean title, Optional<String> text) {
        XmlElement root = definition.document();
        String element = title ? "title" : "description";
        if (title && text.filter(t -> t.contains("\n")).isPresent()) {
            throw new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN, "title can't contain newlines");
        }
        root.child(element).ifPresent(root::remove);
        text.filter(t -> !t.isEmpty()).ifPresent(value -> {
            int after = root.indexOf(root.child("uuid").orElseThrow());
            if (!title) {
                after = root.child("title").map(root::indexOf).orElse(after);
            }
            root.add(after + 1, new XmlElement(element).text(value));
        });
        return parse(XmlWriter.write(root));
    }

    /** The {@code <metadata>} child in namespace {@code uri}, as libvirt returns it, if present. */
    public static Optional<String> metadata(DomainDefinition definition, String uri) {
        return definition
                .document()
                .child("metadata")
                .flatMap(metadata -> metadata.children().stream()
                        .filter(element -> uri.equals(namespaceOf(element)))
                        .findFirst())
                .map(element -> {
                    XmlElement copy = element.copy();
                    String prefix = prefixOf(copy);
                    copy.declareNamespace(prefix, uri);
                    return XmlWriter.write(copy).stripTrailing();
                });
    }

    /**
     * A copy whose {@code <metadata>} element in namespace {@code uri} is replaced by {@code xml}
     * (its elements put in that namespace under prefix {@code key}), or removed when absent.
     */
    public static DomainDefinition withMetadata(
            DomainDefinition definition, String uri, Optional<String> key, Optional<String> xml) {
        XmlElement root = definition.document();
        XmlElement metadata = root.child("metadata").orElseGet(() -> root.add("metadata"));
        metadata.children().stream()
                .filter(element -> uri.equals(namespaceOf(element)))
                .toList()
                .forEach(metadata::remove);
        if (xml.isPresent()) {
            String prefix = key.orElseThrow(() -> new VirtException(
                    ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN, "key is required when setting metadata"));
            XmlElement element = inNamespace(XmlReader.parse(xml.get()), prefix);
            element.declareNamespace(prefix, uri);
            metadata.add(element);
        }
        if (metadata.children().isEmpty()) {
            root.remove(metadata);
        }
        return parse(XmlWriter.write(root));
    }

    private static XmlElement inNamespace(XmlElement element, String prefix) {
        XmlElement renamed = new XmlElement(prefix + ":" + element.localName());
        element.attributes().forEach(renamed::attribute);
        element.text().ifPresent(renamed::text);
        for (XmlElement child : element.children()) {
            renamed.add(inNamespace(child, prefix));
        }
        return renamed;
    }

    private static String prefixOf(XmlElement element) {
        int colon = element.name().indexOf(':');
        return colon < 0 ? "" : element.name().substring(0, colon);
    }

    /** The namespace an element of {@code <metadata>} is in, from its own declarations. */
    private static String namespaceOf(XmlElement element) {
        return element.namespaces().get(prefixOf(element));
    }

    /** Reads every device, filling in the MACs libvirt would generate, where the XML has none. */
    private static List<Device> devices(XmlElement devices, UUID uuid) {
        List<Device> read = new ArrayList<>();
        for (XmlElement element : devices.children()) {
            read.add(DeviceReader.read(element));
        }
        Set<String> used = new HashSet<>();
        read.forEach(device -> macOf(device).ifPresent(used::add));
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i) instanceof Device.Interface nic && nic.mac().isEmpty()) {
                String mac = Mac.generate(uuid, used);
                used.add(mac);
                devices.children().get(i).add(0, new XmlElement("mac").attribute("address", mac));
                read.set(i, DeviceReader.read(devices.children().get(i)));
            }
        }
        return read;
    }

    static Optional<String> macOf(Device device) {
        return device instanceof Device.Interface nic ? nic.mac() : Optional.empty();
    }

    /** {@code <cpu mode>}, after libvirt's QEMU check that the topology adds up to {@code <vcpu>}. */
    private static String cpu(XmlElement cpu, int maxVcpus) {
        cpu.child("topology").ifPresent(topology -> {
            long product = 1;
            for (String part : List.of("sockets", "dies", "clusters", "cores", "threads")) {
                String value = topology.attribute(part).orElse("1");
                try {
                    product *= Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    throw xmlError("Invalid value for attribute '" + part + "' in element 'topology': '" + value + "'");
                }
            }
            if (product != maxVcpus) {
                throw Errors.unsupported("CPU topology doesn't match maximum vcpu count");
            }
        });
        return cpu.attribute("mode").orElse("custom");
    }

    private static Firmware firmware(XmlElement os) {
        Optional<String> attribute = os.attribute("firmware");
        if (attribute.isPresent()) {
            return switch (attribute.get()) {
                case "efi" -> Firmware.EFI;
                case "bios" -> Firmware.BIOS;
                default ->
                    throw xmlError("Invalid value for attribute 'firmware' in element 'os': '" + attribute.get() + "'");
            };
        }
        return os.child("loader")
                .flatMap(loader -> loader.attribute("type"))
                .map(type -> type.equals("pflash") ? Firmware.EFI : Firmware.BIOS)
                .orElse(Firmware.UNSPECIFIED);
    }

    private static boolean secureBoot(XmlElement os) {
        boolean loader = os.child("loader")
                .flatMap(l -> l.attribute("secure"))
                .map("yes"::equals)
                .orElse(false);
        boolean feature = os.child("firmware")
                .map(f -> f.children("feature").stream()
                        .anyMatch(e -> e.attribute("name")
                                        .filter("secure-boot"::equals)
                                        .isPresent()
                                && e.attribute("enabled").filter("yes"::equals).isPresent()))
                .orElse(false);
        return loader || feature;
    }

    private static LifecycleActions lifecycle(XmlElement root) {
        return new LifecycleActions(
                action(root, "on_poweroff", LifecycleActions.DEFAULT.onPoweroff()),
                action(root, "on_reboot", LifecycleActions.DEFAULT.onReboot()),
                action(root, "on_crash", LifecycleActions.DEFAULT.onCrash()));
    }

    private static LifecycleActions.Action action(XmlElement root, String element, LifecycleActions.Action fallback) {
        return root.childText(element)
                .map(text -> LifecycleActions.Action.parse(element, text))
                .orElse(fallback);
    }

    /** Top-level elements kept in the XML that nothing here acts on, for the plan to list. */
    private static List<String> ignored(XmlElement root) {
        return root.children().stream()
                .map(XmlElement::name)
                .filter(name -> !MODELLED.contains(name))
                .distinct()
                .toList();
    }

    private static final Set<String> MODELLED = Set.of(
            "name",
            "uuid",
            "title",
            "description",
            "metadata",
            "memory",
            "currentMemory",
            "vcpu",
            "os",
            "on_poweroff",
            "on_reboot",
            "on_crash",
            "devices");

    private static Optional<String> boundNode(XmlElement root) {
        return root.child("metadata")
                .flatMap(metadata -> metadata.children().stream()
                        .filter(element -> NAMESPACE.equals(namespaceOf(element)))
                        .flatMap(element -> element.localName().equals("node")
                                ? java.util.stream.Stream.of(element)
                                : element.children().stream()
                                        .filter(child -> child.localName().equals("node")))
                        .findFirst()
                        .flatMap(XmlElement::text)
                        .map(String::strip));
    }

    private static long memory(XmlElement element) {
        return MemoryUnit.toKiB(
                element.name(),
                element.text().orElse(""),
                element.attribute("unit").orElse(null));
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw Errors.of(ErrorNumber.NO_NAME, "missing name information");
        }
        if (name.contains("/")) {
            throw xmlError("name " + name + " cannot contain '/'");
        }
        for (char c : name.toCharArray()) {
            if (c == '\n') {
                // libvirt's virXMLCheckIllegalChars: VIR_ERR_XML_DETAIL, printed as is.
                throw Errors.of(ErrorNumber.XML_DETAIL, "invalid char in name: 0x0a");
            }
        }
    }

    static UUID parseUuid(String text) {
        String hex = text.strip().replace("-", "");
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw xmlError("malformed uuid element");
        }
        return new UUID(
                Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static int positiveInt(String what, String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw xmlError("<" + what + ">: expected a positive number, not '" + text + "'");
    }

    private static BootDevice bootDevice(String dev) {
        return switch (dev) {
            case "hd" -> BootDevice.DISK;
            case "network" -> BootDevice.NETWORK;
            case "cdrom" -> BootDevice.CDROM;
            case "fd" ->
                throw new VirtException(
                        ErrorNumber.CONFIG_UNSUPPORTED,
                        ErrorDomain.DOMAIN,
                        "unsupported configuration: <boot dev='fd'>: a bare-metal server has no floppy to boot from");
            default -> throw xmlError("unknown boot device '" + dev + "'");
        };
    }

    static VirtException xmlError(String reason) {
        return Errors.xml(reason);
    }
}
