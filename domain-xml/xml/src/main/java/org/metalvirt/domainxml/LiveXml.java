package org.metalvirt.domainxml;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlWriter;

/**
 * The XML of a running domain, as libvirt shows it: the definition plus its runtime id, an
 * alias for every device the card handles ({@code virtio-disk0}, {@code net0},
 * {@code hostdev0} unless the user gave one) and the PCI address the card gave it; the
 * {@code <serial>} and {@code <console>}, the server's serial port, as {@code serial0}. Agents read
 * the aliases here and wait for the device-removed event that names them.
 */
public final class LiveXml {

    /** The live alias of the server's serial port: {@code virsh console --devname} takes it. */
    public static final String SERIAL_ALIAS = "serial0";

    private LiveXml() {}

    /** The alias of each device the card handles, keyed by its plan id. */
    public static Map<String, String> aliases(DomainDefinition definition) {
        Map<String, String> aliases = new LinkedHashMap<>();
        int nets = 0;
        int hostdevs = 0;
        for (Device device : definition.devices()) {
            Optional<String> id = Planner.idOf(device, definition);
            if (id.isEmpty()) {
                continue;
            }
            String alias;
            if (device.alias().isPresent()) {
                alias = device.alias().get();
            } else if (device instanceof Device.Disk disk) {
                alias = "virtio-disk" + targetIndex(disk.target());
            } else if (device instanceof Device.Interface) {
                alias = "net" + nets;
            } else {
                alias = "hostdev" + hostdevs;
            }
            if (device instanceof Device.Interface) {
                nets++;
            } else if (device instanceof Device.Hostdev) {
                hostdevs++;
            }
            aliases.put(id.get(), alias);
        }
        return aliases;
    }

    /**
     * The live document: {@code id} after {@code type}, and each handled device with its alias
     * and, when the card gave it one, its PCI address ({@code dddd:bb:ss.f}) keyed by plan id.
     */
    public static String format(DomainDefinition definition, int id, Map<String, String> addresses) {
        XmlElement root = definition.document();
        root.attributeAfter("type", "id", id);
        Map<String, String> aliases = aliases(definition);
        List<Device> devices = definition.devices();
        root.child("devices").ifPresent(element -> {
            for (int i = 0; i < devices.size(); i++) {
                if (devices.get(i) instanceof Device.Chr) {
                    // The server's one serial port, which a <console> duplicates, as QEMU's serial0.
                    XmlElement port = element.children().get(i);
                    if (port.child("alias").isEmpty()) {
                        port.add(new XmlElement("alias").attribute("name", SERIAL_ALIAS));
                    }
                    continue;
                }
                Optional<String> key = Planner.idOf(devices.get(i), definition);
                if (key.isEmpty() || !aliases.containsKey(key.get())) {
                    continue;
                }
                XmlElement device = element.children().get(i);
                if (device.child("alias").isEmpty()) {
                    device.add(new XmlElement("alias").attribute("name", aliases.get(key.get())));
                }
                String pci = addresses.get(key.get());
                if (pci != null) {
                    device.child("address").ifPresent(device::remove);
                    device.add(address(pci));
                }
            }
        });
        return XmlWriter.write(root);
    }

    /** The definition without the device that has {@code alias}, user-given or libvirt-style. */
    public static DomainDefinition withoutAlias(DomainDefinition definition, String alias) {
        Map<String, String> byAlias = new HashMap<>();
        aliases(definition).forEach((id, name) -> byAlias.put(name, id));
        String id = byAlias.get(alias);
        List<Device> devices = definition.devices();
        for (int i = 0; id != null && i < devices.size(); i++) {
            if (Planner.idOf(devices.get(i), definition).filter(id::equals).isPresent()) {
                XmlElement root = definition.document();
                XmlElement element = root.child("devices").orElseThrow();
                element.remove(element.children().get(i));
                return DomainXml.read(root);
            }
        }
        throw Errors.of(ErrorNumber.DEVICE_MISSING, "device not found: no device found with alias " + alias);
    }

    /** {@code vda} is 0, {@code vdz} 25, {@code vdaa} 26, as libvirt numbers disk targets. */
    static int targetIndex(String target) {
        String letters = target.replaceFirst("^(vd|sd|hd|xvd)", "");
        int index = 0;
        for (char c : letters.toCharArray()) {
            if (c < 'a' || c > 'z') {
                return 0;
            }
            index = index * 26 + (c - 'a' + 1);
        }
        return Math.max(0, index - 1);
    }

    private static XmlElement address(String pci) {
        String[] parts = pci.split("[:.]");
        return new XmlElement("address")
                .attribute("type", "pci")
                .attribute("domain", "0x" + parts[0])
                .attribute("bus", "0x" + parts[1])
                .attribute("slot", "0x" + parts[2])
                .attribute("function", "0x" + parts[3]);
    }
}
