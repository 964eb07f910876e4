package org.metalvirt.hostxml;

import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.SystemIdentity;
import org.metalvirt.xml.XmlElement;

/** Formats libvirt's SMBIOS sysinfo document from what the server's firmware says it is. */
public final class SysinfoXml {

    private SysinfoXml() {}

    public static String format(NodeInventory node) {
        SystemIdentity id = node.system();
        Dom dom = Dom.create();
        XmlElement sysinfo = dom.root("sysinfo");
        sysinfo.attribute("type", "smbios");
        XmlElement bios = dom.child(sysinfo, "bios");
        dom.text(bios, "entry", id.biosVendor(), "name", "vendor");
        dom.text(bios, "entry", id.biosVersion(), "name", "version");
        XmlElement system = dom.child(sysinfo, "system");
        dom.text(system, "entry", id.manufacturer(), "name", "manufacturer");
        dom.text(system, "entry", id.product(), "name", "product");
        dom.text(system, "entry", id.serial(), "name", "serial");
        dom.text(system, "entry", id.uuid(), "name", "uuid");
        XmlElement processor = dom.child(sysinfo, "processor");
        dom.text(processor, "entry", node.cpu().vendor(), "name", "manufacturer");
        dom.text(processor, "entry", node.cpu().model(), "name", "version");
        dom.text(processor, "entry", node.cpu().mhz() + " MHz", "name", "max_speed");
        return dom.print();
    }
}
