package org.metalvirt.domainxml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.node.BootDevice;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;

/**
 * A domain as defined: what the daemon needs from its XML, and the XML itself, normalised
 * ({@code uuid} filled in, no runtime {@code id}) so that everything the model does not know is
 * returned exactly as it was given. Immutable; edits go through {@link DomainXml}.
 *
 * @param type        the {@code <domain type=…>} the agent asked for ({@code kvm}, {@code baremetal}…)
 * @param memoryKiB   {@code <memory>}: the most the domain may have
 * @param currentMemoryKiB {@code <currentMemory>}, at most {@code memoryKiB}
 * @param maxVcpus    {@code <vcpu>}
 * @param vcpus       {@code <vcpu current=…>}, at most {@code maxVcpus}
 * @param bootOrder   the {@code <os><boot dev=…>} order (per-device orders are merged in {@link NodePlan})
 * @param node        the node the metadata binds the domain to, if it names one
 * @param xml         the normalised inactive XML
 * @param firmware    {@code <os firmware>} or what its {@code <loader>} implies
 * @param secureBoot  whether the loader or firmware features ask for secure boot
 * @param kernel      {@code <os><kernel>}: a direct kernel boot, which a server cannot do
 * @param lifecycle   {@code <on_poweroff>}, {@code <on_reboot>}, {@code <on_crash>}
 * @param cpuMode     {@code <cpu mode>}, if there is a {@code <cpu>}
 * @param devices     the children of {@code <devices>}, in document order
 * @param ignored     top-level elements the model keeps but does not act on, in document order
 */
public record DomainDefinition(
        String type,
        String name,
        UUID uuid,
        Optional<String> title,
        Optional<String> description,
        long memoryKiB,
        long currentMemoryKiB,
        int maxVcpus,
        int vcpus,
        String osType,
        Optional<String> arch,
        List<BootDevice> bootOrder,
        Optional<String> node,
        String xml,
        Firmware firmware,
        boolean secureBoot,
        Optional<String> kernel,
        LifecycleActions lifecycle,
        Optional<String> cpuMode,
        List<Device> devices,
        List<String> ignored) {

    public DomainDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        bootOrder = List.copyOf(bootOrder);
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(lifecycle, "lifecycle");
        devices = List.copyOf(devices);
        ignored = List.copyOf(ignored);
    }

    /** The same domain with other devices, its XML unchanged: what a volume disk resolves to for the card. */
    public DomainDefinition withDevices(List<Device> replaced) {
        return new DomainDefinition(
                type,
                name,
                uuid,
                title,
                description,
                memoryKiB,
                currentMemoryKiB,
                maxVcpus,
                vcpus,
                osType,
                arch,
                bootOrder,
                node,
                xml,
                firmware,
                secureBoot,
                kernel,
                lifecycle,
                cpuMode,
                replaced,
                ignored);
    }

    /** A fresh copy of the document, to read or to edit. */
    public XmlElement document() {
        return XmlReader.parse(xml);
    }
}
