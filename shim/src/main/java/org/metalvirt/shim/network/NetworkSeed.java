package org.metalvirt.shim.network;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.metalvirt.networkxml.NetworkDefinition.ForwardMode;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlWriter;

/**
 * A network the daemon defines at its first start (no {@code networks/} in the state directory
 * yet), from the configuration file or, without one there, one per PF of the card's NICs.
 */
public record NetworkSeed(String name, String pf, ForwardMode mode, boolean autostart) {

    public NetworkSeed {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pf, "pf");
        Objects.requireNonNull(mode, "mode");
    }

    /** The network's definition as {@code net-define} would take it, its UUID derived from its name. */
    String xml() {
        XmlElement forward = new XmlElement("forward").attribute("mode", mode.xml());
        if (mode == ForwardMode.HOSTDEV) {
            forward.attribute("managed", "yes");
        }
        forward.add(new XmlElement("pf").attribute("dev", pf));
        XmlElement network = new XmlElement("network");
        network.add(new XmlElement("name").text(name));
        UUID uuid = UUID.nameUUIDFromBytes(("metalvirt-network:" + name).getBytes(StandardCharsets.UTF_8));
        network.add(new XmlElement("uuid").text(uuid.toString()));
        network.add(forward);
        return XmlWriter.write(network);
    }
}
