package org.metalvirt.hostxml;

import org.metalvirt.cpumodel.HostCpu;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.LogicalCpu;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NumaCell;
import org.metalvirt.xml.XmlElement;

/**
 * Formats libvirt's host capabilities document for one server.
 *
 * <p>Nova reads {@code host/cpu} (arch, model, vendor, topology) and walks
 * {@code host/topology/cells} unconditionally, so both are always present; the CPU topology's
 * {@code sockets} counts sockets per NUMA cell, as libvirt's does.
 */
public final class CapabilitiesXml {

    private static final int PAGE_KIB = 4;
    private static final int LOCAL_DISTANCE = 10;
    private static final int REMOTE_DISTANCE = 21;

    private CapabilitiesXml() {}

    public static String format(NodeInventory node, GuestSupport guest) {
        Dom dom = Dom.create();
        XmlElement caps = dom.root("capabilities");
        host(dom, dom.child(caps, "host"), node);
        guest(dom, dom.child(caps, "guest"), node, guest);
        return dom.print();
    }

    private static void host(Dom dom, XmlElement host, NodeInventory node) {
        dom.text(host, "uuid", node.system().uuid());
        CpuTopology topology = node.cpu();
        XmlElement cpu = dom.child(host, "cpu");
        dom.text(cpu, "arch", node.arch());
        dom.text(cpu, "model", topology.model());
        dom.text(cpu, "vendor", topology.vendor());
        dom.child(
                cpu,
                "topology",
                "sockets",
                topology.sockets() / node.cells().size(),
                "dies",
                1,
                "cores",
                topology.coresPerSocket(),
                "threads",
                topology.threadsPerCore());
        // As libvirt's host CPU: the model, then what the server has beyond it.
        for (String feature : HostCpu.of(node).addedToModel()) {
            dom.child(cpu, "feature", "name", feature);
        }
        dom.child(cpu, "pages", "unit", "KiB", "size", PAGE_KIB);
        dom.child(host, "iommu", "support", "yes");

        XmlElement cells = dom.child(
                dom.child(host, "topology"), "cells", "num", node.cells().size());
        for (NumaCell numa : node.cells()) {
            XmlElement cell = dom.child(cells, "cell", "id", numa.id());
            dom.text(cell, "memory", numa.memoryKiB(), "unit", "KiB");
            dom.text(cell, "pages", numa.memoryKiB() / PAGE_KIB, "unit", "KiB", "size", PAGE_KIB);
            XmlElement distances = dom.child(cell, "distances");
            for (NumaCell other : node.cells()) {
                dom.child(
                        distances,
                        "sibling",
                        "id",
                        other.id(),
                        "value",
                        other.id() == numa.id() ? LOCAL_DISTANCE : REMOTE_DISTANCE);
            }
            XmlElement cpus = dom.child(cell, "cpus", "num", numa.cpus().size());
            for (LogicalCpu logical : numa.cpus()) {
                dom.child(
                        cpus,
                        "cpu",
                        "id",
                        logical.id(),
                        "socket_id",
                        logical.socket(),
                        "die_id",
                        0,
                        "core_id",
                        logical.core(),
                        "siblings",
                        CpuSet.format(node.siblingsOf(logical)));
            }
        }
        XmlElement secmodel = dom.child(host, "secmodel");
        dom.text(secmodel, "model", "none");
        dom.text(secmodel, "doi", 0);
    }

    private static void guest(Dom dom, XmlElement guest, NodeInventory node, GuestSupport support) {
        dom.text(guest, "os_type", "hvm");
        XmlElement arch = dom.child(guest, "arch", "name", node.arch());
        dom.text(arch, "wordsize", wordSize(node.arch()));
        support.emulator().ifPresent(path -> dom.text(arch, "emulator", path));
        int maxCpus = node.cpu().logicalCpus();
        for (String machine : support.machines()) {
            String canonical = support.aliases().get(machine);
            if (canonical != null) {
                dom.text(arch, "machine", machine, "canonical", canonical, "maxCpus", maxCpus);
            } else {
                dom.text(arch, "machine", machine, "maxCpus", maxCpus);
            }
        }
        for (String type : support.domainTypes()) {
            dom.child(arch, "domain", "type", type);
        }
    }

    private static int wordSize(String arch) {
        return switch (arch) {
            case "i686", "armv7l" -> 32;
            default -> 64;
        };
    }
}
