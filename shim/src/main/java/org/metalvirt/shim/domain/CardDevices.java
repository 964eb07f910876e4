package org.metalvirt.shim.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        Set<String> keep = ids(after);
        Map<String, String> result = new LinkedHashMap<>(addresses);
        for (String id : ids(before)) {
            if (!keep.contains(id)) {
                detach(node, before, id);
                result.remove(id);
            }
        }
        Set<String> had = ids(before);
        List<String> attached = new ArrayList<>();
        try {
            for (VirtioBlkDisk disk : after.disks()) {
                if (!had.contains(disk.id())) {
                    result.put(disk.id(), node.storage().attach(disk));
                    attached.add(disk.id());
                }
            }
            for (VirtualFunction vf : after.vfs()) {
                if (!had.contains(vf.id())) {
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
        Set<String> ids = plan.disks().stream().map(VirtioBlkDisk::id).collect(Collectors.toCollection(
                java.util.LinkedHashSet::new));
        plan.vfs().forEach(vf -> ids.add(vf.id()));
        return ids;
    }

    private static NodePlan empty(NodePlan plan) {
        return new NodePlan(plan.power(), plan.firmware(), plan.secureBoot(), plan.boot(), List.of(), List.of(),
                plan.console(), plan.notActedOn());
    }
}
