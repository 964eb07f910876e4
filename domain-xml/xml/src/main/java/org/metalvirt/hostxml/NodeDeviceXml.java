package org.metalvirt.hostxml;

import org.metalvirt.node.PciFunction;
import org.metalvirt.node.SystemIdentity;
import org.metalvirt.node.Vpd;
import org.metalvirt.xml.XmlElement;

/**
 * Formats a {@link NodeDeviceDef} as libvirt's node-device XML ({@code nodedev.rng}), elements in
 * the order the schema fixes. Only what sysfs told is written: no product names (libvirt takes
 * them from pci.ids, which the card does not have), no PCI Express link, no net features.
 */
public final class NodeDeviceXml {

    private NodeDeviceXml() {}

    public static String format(NodeDeviceDef device) {
        Dom dom = Dom.create();
        XmlElement root = dom.root("device");
        dom.text(root, "name", device.name());
        device.parent().ifPresent(parent -> dom.text(root, "parent", parent));
        if (device instanceof NodeDeviceDef.Computer computer) {
            system(dom, root, computer.system());
        } else if (device instanceof NodeDeviceDef.Pci pci) {
            pci.function().driver().ifPresent(driver -> dom.text(dom.child(root, "driver"), "name", driver));
            pci(dom, root, pci);
        } else if (device instanceof NodeDeviceDef.Net net) {
            XmlElement cap = dom.child(root, "capability", "type", "net");
            dom.text(cap, "interface", net.ifname());
            net.mac().ifPresent(mac -> dom.text(cap, "address", mac));
            XmlElement link = dom.child(cap, "link");
            net.link().speed().ifPresent(speed -> link.attribute("speed", speed));
            link.attribute("state", net.link().state());
            dom.child(cap, "capability", "type", "80203");
        }
        return dom.print();
    }

    private static void system(Dom dom, XmlElement root, SystemIdentity id) {
        XmlElement cap = dom.child(root, "capability", "type", "system");
        dom.text(cap, "product", id.product());
        XmlElement hardware = dom.child(cap, "hardware");
        dom.text(hardware, "vendor", id.manufacturer());
        dom.text(hardware, "serial", id.serial());
        dom.text(hardware, "uuid", id.uuid());
        XmlElement firmware = dom.child(cap, "firmware");
        dom.text(firmware, "vendor", id.biosVendor());
        dom.text(firmware, "version", id.biosVersion());
    }

    private static void pci(Dom dom, XmlElement root, NodeDeviceDef.Pci pci) {
        PciFunction function = pci.function();
        String[] parts = function.address().split("[:.]");
        XmlElement cap = dom.child(root, "capability", "type", "pci");
        function.classCode().ifPresent(code -> dom.text(cap, "class", String.format("0x%06x", code)));
        dom.text(cap, "domain", Integer.parseInt(parts[0], 16));
        dom.text(cap, "bus", Integer.parseInt(parts[1], 16));
        dom.text(cap, "slot", Integer.parseInt(parts[2], 16));
        dom.text(cap, "function", Integer.parseInt(parts[3], 16));
        dom.child(cap, "product", "id", String.format("0x%04x", function.productId()));
        dom.child(cap, "vendor", "id", String.format("0x%04x", function.vendorId()));
        pci.physFunction().ifPresent(pf -> address(dom, dom.child(cap, "capability", "type", "phys_function"), pf));
        if (pci.role() == NodeDeviceDef.Role.PHYSICAL_FUNCTION) {
            XmlElement vfs = dom.child(cap, "capability", "type", "virt_functions", "maxCount", pci.maxVfs());
            pci.virtFunctions().forEach(vf -> address(dom, vfs, vf));
        }
        pci.vpd().ifPresent(vpd -> vpd(dom, cap, vpd));
        function.iommuGroup().ifPresent(group -> {
            XmlElement element = dom.child(cap, "iommuGroup", "number", group.number());
            group.members().forEach(member -> address(dom, element, member));
        });
        function.numaNode().ifPresent(node -> dom.child(cap, "numa", "node", node));
    }

    private static void vpd(Dom dom, XmlElement cap, Vpd vpd) {
        XmlElement element = dom.child(cap, "capability", "type", "vpd");
        dom.text(element, "name", vpd.name());
        if (vpd.changeLevel().isPresent()
                || vpd.partNumber().isPresent()
                || vpd.serialNumber().isPresent()) {
            XmlElement fields = dom.child(element, "fields", "access", "readonly");
            vpd.changeLevel().ifPresent(value -> dom.text(fields, "change_level", value));
            vpd.partNumber().ifPresent(value -> dom.text(fields, "part_number", value));
            vpd.serialNumber().ifPresent(value -> dom.text(fields, "serial_number", value));
        }
    }

    private static void address(Dom dom, XmlElement parent, String pci) {
        String[] parts = pci.split("[:.]");
        dom.child(
                parent,
                "address",
                "domain",
                "0x" + parts[0],
                "bus",
                "0x" + parts[1],
                "slot",
                "0x" + parts[2],
                "function",
                "0x" + parts[3]);
    }
}
