package org.metalvirt.networkxml;

import java.util.Objects;
import java.util.UUID;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlWriter;

/**
 * A network as defined: libvirt's SR-IOV pool, a PF of the card's NIC whose VFs domain
 * interfaces of type {@code network} take. Immutable; the document is kept as given (with a
 * generated {@code <uuid>} written in), so what a client defined is what it reads back.
 *
 * @param mode    how a VF reaches the server: given whole (hostdev) or as a netdev (passthrough)
 * @param managed hostdev only: whether the VF is taken from its host driver before use
 * @param pf      the physical function's netdev name, as {@code <pf dev>} gives it
 */
public record NetworkDefinition(
        String name, UUID uuid, ForwardMode mode, boolean managed, String pf, XmlElement document) {

    public NetworkDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pf, "pf");
        document = document.copy();
    }

    /** The document as defined, printed as libvirt prints its documents. */
    public String xml() {
        return XmlWriter.write(document);
    }

    @Override
    public XmlElement document() {
        return document.copy();
    }

    /** The {@code <forward mode>} values metalvirt serves: the two whose pool is a PF's VFs. */
    public enum ForwardMode {
        HOSTDEV("hostdev"),
        PASSTHROUGH("passthrough");

        private final String xml;

        ForwardMode(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }
}
