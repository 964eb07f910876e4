package org.metalvirt.shim.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes what the card gives the server match a plan: the virtio-blk devices and VFs one plan
 * has and the other lacks are detached or attached, by id. An attach that fails half way takes
 * back what it attached, so nothing is left half done.
 */
final class CardDevices {

    private static final Logger LOG = LoggerFactory.getLogger(CardDevices.class);

    private CardDevices() {
    }

    /**
     * Moves the card from {@code before} to {@code after}; returns the addresses of the devices
     * of {@code after}. Removals come first, so a replaced device frees its slot.
     */
    static Map<String, String> apply(NodeDriver node, NodePlan before, NodePlan after, Map<String, String> addresses) {
        Map<String, Object> had = devices(before);
        Map<String, Object> wanted = devices(after);
        // Kept: the same id programmed the same way. A changed one (an update: a new VLAN, another
        // volume) is taken back and attached anew.
        Set<String> kept = new HashSet<>();
        had.forEach((id, device) -> {
            if (device.equals(wanted.get(id))) {
                kept.add(id);
            }
        });
        Map<String, String> result = new LinkedHashMap<>(addresses);
        for (String id : had.keySet()) {
            if (!kept.contains(id)) {
                detach(node, before, id);
                result.remove(id);
            }
        }
        List<String> attached = new ArrayList<>();
        try {
            for (VirtioBlkDisk disk : after.disks()) {
                if (!kept.contains(disk.id())) {
                    result.put(disk.id(), node.storage().attach(disk));
                    attached.add(disk.id());
                }
            }
            for (VirtualFunction vf : after.vfs()) {
                if (!kept.contains(vf.id())) {
                    result.put(vf.id(), node.network().attach(vf));
                    attached.add(vf.id());
                }
            }
        } catch (VirtException e) {
            for (String id : attached) {
                detachQuietly(node, after, id);
            }
            throw e;
        }
        return result;
    }

    /** Everything of the plan, from nothing. */
    static Map<String, String> attachAll(NodeDriver node, NodePlan plan) {
        return apply(node, empty(plan), plan, Map.of());
    }

    /** Attaches what of the plan the card does not have now; returns the addresses of all. */
    static Map<String, String> restore(NodeDriver node, NodePlan plan, Map<String, String> addresses) {
        Set<String> present = new HashSet<>(node.storage().attached());
        present.addAll(node.network().attached());
        Map<String, String> result = new LinkedHashMap<>(addresses);
        for (VirtioBlkDisk disk : plan.disks()) {
            if (!present.contains(disk.id())) {
                result.put(disk.id(), node.storage().attach(disk));
            }
        }
        for (VirtualFunction vf : plan.vfs()) {
            if (!present.contains(vf.id())) {
                result.put(vf.id(), node.network().attach(vf));
            }
        }
        return result;
    }

    /** Everything of the plan taken back, as far as the card lets us; failures are logged. */
    static void detachAll(NodeDriver node, NodePlan plan) {
        for (String id : ids(plan)) {
            detachQuietly(node, plan, id);
        }
    }

    private static void detach(NodeDriver node, NodePlan plan, String id) {
        if (plan.disks().stream().anyMatch(disk -> disk.id().equals(id))) {
            node.storage().detach(id);
        } else {
            node.network().detach(id);
        }
    }

    private static void detachQuietly(NodeDriver node, NodePlan plan, String id) {
        try {
            detach(node, plan, id);
        } catch (VirtException e) {
            LOG.warn("node {}: cannot take back device {}: {}", node.name(), id, e.getMessage());
        }
    }

    private static Set<String> ids(NodePlan plan) {
        return devices(plan).keySet();
    }

    /** The plan's disks and VFs by id, in order. */
    private static Map<String, Object> devices(NodePlan plan) {
        Map<String, Object> devices = new LinkedHashMap<>();
        plan.disks().forEach(disk -> devices.put(disk.id(), disk));
        plan.vfs().forEach(vf -> devices.put(vf.id(), vf));
        return devices;
    }

    private static NodePlan empty(NodePlan plan) {
        return new NodePlan(plan.power(), plan.firmware(), plan.secureBoot(), plan.boot(), List.of(), List.of(),
                plan.console(), plan.notActedOn());
    }
}
