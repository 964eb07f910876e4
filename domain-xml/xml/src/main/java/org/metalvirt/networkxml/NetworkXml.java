package org.metalvirt.networkxml;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.networkxml.NetworkDefinition.ForwardMode;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;
import org.metalvirt.xml.XmlWriter;

/**
 * libvirt's network XML for the SR-IOV pools a card's NIC can be: read with the hardened reader
 * and checked as libvirt's network driver checks a hostdev or passthrough network; printed as
 * libvirt prints one, with the pool and its connections while the network is active.
 */
public final class NetworkXml {

    /** libvirt's forward modes; those other than hostdev and passthrough need a host bridge or router. */
    private static final Set<String> FORWARD_MODES =
            Set.of("nat", "route", "open", "bridge", "private", "vepa", "passthrough", "hostdev");

    private NetworkXml() {}

    /** The live pool of an active network: the PF's VFs now, and how many interfaces use it. */
    public record Pool(List<String> vfAddresses, int connections) {
        public Pool {
            vfAddresses = List.copyOf(vfAddresses);
        }
    }

    /** Parses and checks a network document; a missing {@code <uuid>} is generated and written in. */
    public static NetworkDefinition parse(String xml) {
        XmlElement root = XmlReader.parse(xml);
        if (!root.name().equals("network")) {
            throw error(
                    ErrorNumber.XML_ERROR,
                    "XML error: unexpected root element <" + root.name() + ">, expecting <network>");
        }
        String name = root.childText("name")
                .map(String::strip)
                .filter(text -> !text.isEmpty())
                .orElseThrow(() -> error(ErrorNumber.NO_NAME, "missing name information"));
        if (name.contains("/")) {
            throw error(ErrorNumber.XML_DETAIL, "XML error: name " + name + " cannot contain '/'");
        }
        UUID uuid = root.childText("uuid").map(NetworkXml::uuid).orElseGet(() -> {
            UUID generated = UUID.randomUUID();
            XmlElement element = new XmlElement("uuid").text(generated.toString());
            root.add(root.indexOf(root.child("name").orElseThrow()) + 1, element);
            return generated;
        });
        XmlElement forward = root.child("forward")
                .orElseThrow(() -> unsupported(name, "a network without <forward> is a host bridge"));
        String modeName = forward.attribute("mode").orElse("nat");
        if (!FORWARD_MODES.contains(modeName)) {
            throw error(ErrorNumber.XML_ERROR, "XML error: unknown forwarding type '" + modeName + "'");
        }
        ForwardMode mode = switch (modeName) {
            case "hostdev" -> ForwardMode.HOSTDEV;
            case "passthrough" -> ForwardMode.PASSTHROUGH;
            default ->
                throw unsupported(
                        name,
                        "forward mode '" + modeName + "' needs a bridge or router on the host; the card gives "
                                + "the server VFs of its NIC: use mode 'hostdev' or 'passthrough' with a <pf>");
        };
        if (root.child("bridge").isPresent()) {
            throw error(
                    ErrorNumber.XML_ERROR,
                    "XML error: bridge name not allowed in " + modeName + " mode (network '" + name + "')");
        }
        if (root.child("ip").isPresent()) {
            throw error(
                    ErrorNumber.CONFIG_UNSUPPORTED,
                    "unsupported configuration: Unsupported <ip> element in network " + name + " with forward mode='"
                            + modeName + "'");
        }
        List<XmlElement> pfs = forward.children("pf");
        if (pfs.size() > 1) {
            throw error(
                    ErrorNumber.XML_ERROR,
                    "XML error: Only one <pf> element is allowed in <forward> of network " + name);
        }
        String pf = pfs.stream()
                .findFirst()
                .flatMap(element -> element.attribute("dev"))
                .orElseThrow(() ->
                        unsupported(name, "the pool is the VFs of one of the card's PFs: give it as <pf dev='…'/>"));
        boolean managed = mode == ForwardMode.HOSTDEV
                && forward.attribute("managed").map("yes"::equals).orElse(false);
        return new NetworkDefinition(name, uuid, mode, managed, pf, root);
    }

    /**
     * The document as libvirt prints it: inactive, the definition with its {@code <forward>} as
     * defined; active, with the network's connections and the pool's VFs (hostdev: each as an
     * {@code <address>}; passthrough: no {@code <interface>}, the server's VFs have no netdev on the card).
     */
    public static String format(NetworkDefinition definition, Optional<Pool> live) {
        XmlElement root = definition.document();
        root.removeAttribute("connections");
        live.filter(pool -> pool.connections() > 0)
                .ifPresent(pool -> root.attribute("connections", Integer.toString(pool.connections())));
        XmlElement old = root.child("forward").orElseThrow();
        XmlElement forward =
                new XmlElement("forward").attribute("mode", definition.mode().xml());
        if (definition.mode() == ForwardMode.HOSTDEV) {
            forward.attribute("managed", definition.managed() ? "yes" : "no");
        }
        old.child("driver").ifPresent(driver -> forward.add(driver.copy()));
        forward.add(new XmlElement("pf").attribute("dev", definition.pf()));
        if (definition.mode() == ForwardMode.HOSTDEV) {
            live.ifPresent(pool -> pool.vfAddresses().forEach(address -> forward.add(pciAddress(address))));
        }
        int at = root.indexOf(old);
        root.remove(old);
        root.add(at, forward);
        return XmlWriter.write(root);
    }

    /** {@code dddd:bb:ss.f} as libvirt's {@code <address type='pci'>}. */
    static XmlElement pciAddress(String address) {
        String[] parts = address.split("[:.]");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a PCI address: " + address);
        }
        return new XmlElement("address")
                .attribute("type", "pci")
                .attribute("domain", "0x" + parts[0])
                .attribute("bus", "0x" + parts[1])
                .attribute("slot", "0x" + parts[2])
                .attribute("function", "0x" + parts[3]);
    }

    private static UUID uuid(String text) {
        String hex = text.strip().replace("-", "");
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw error(ErrorNumber.INTERNAL_ERROR, "internal error: malformed uuid element");
        }
        return new UUID(
                Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static VirtException unsupported(String network, String reason) {
        return error(ErrorNumber.CONFIG_UNSUPPORTED, "unsupported configuration: network '" + network + "': " + reason);
    }

    private static VirtException error(ErrorNumber number, String message) {
        return new VirtException(number, ErrorDomain.NETWORK, message);
    }
}
