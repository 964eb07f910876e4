package org.metalvirt.shim.domain;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes what the card gives the server match a plan, by the {@link CardDiff} between the plan it
 * matches now and the one wanted. Attach first, with compensation: new devices are attached
 * before anything is taken away, a changed device gets its old programming back if its new one
 * fails, and any failure undoes every step before it, so the card is left as the saved record
 * says it is.
 */
final class CardDevices {

    private static final Logger LOG = LoggerFactory.getLogger(CardDevices.class);

    private CardDevices() {}

    /**
     * Moves the card from {@code before} to {@code after}; returns the addresses of the devices
     * of {@code after}. On failure the card is as it was, and the failure is thrown.
     */
    static Map<String, String> apply(NodeDriver node, NodePlan before, NodePlan after, Map<String, String> addresses) {
        return apply(node, CardDiff.between(CardDevice.of(before), CardDevice.of(after)), addresses);
    }

    /** Everything of the plan, from nothing. */
    static Map<String, String> attachAll(NodeDriver node, NodePlan plan) {
        return apply(node, CardDiff.between(List.of(), CardDevice.of(plan)), Map.of());
    }

    private static Map<String, String> apply(NodeDriver node, CardDiff diff, Map<String, String> addresses) {
        Map<String, String> result = new LinkedHashMap<>(addresses);
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            for (CardDevice device : diff.attach()) {
                if (diff.replaced(device).isEmpty()) {
                    result.put(device.id(), device.attachTo(node));
                    undo.push(() -> device.detachFrom(node));
                }
            }
            for (CardDevice device : diff.attach()) {
                Optional<CardDevice> old = diff.replaced(device);
                if (old.isPresent()) {
                    // One id, one slot: the old programming must go before the new one can come.
                    old.get().detachFrom(node);
                    undo.push(() -> old.get().attachTo(node));
                    result.put(device.id(), device.attachTo(node));
                    undo.push(() -> device.detachFrom(node));
                }
            }
            for (CardDevice old : diff.detach()) {
                if (!diff.changes(old)) {
                    old.detachFrom(node);
                    result.remove(old.id());
                    undo.push(() -> old.attachTo(node));
                }
            }
        } catch (VirtException e) {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (VirtException second) {
                    LOG.warn("node {}: cannot undo a device change: {}", node.name(), second.getMessage());
                    e.addSuppressed(second);
                }
            }
            throw e;
        }
        return result;
    }

    /**
     * Attaches what of the plan the card does not have now, each device at the address the server
     * knew it at where it had one; returns the addresses of all.
     */
    static Map<String, String> restore(NodeDriver node, NodePlan plan, Map<String, String> addresses) {
        Set<String> present = new HashSet<>(node.storage().attached());
        present.addAll(node.network().attached());
        Map<String, String> result = new LinkedHashMap<>(addresses);
        for (CardDevice device : CardDevice.of(plan)) {
            if (present.contains(device.id())) {
                continue;
            }
            String address = addresses.get(device.id());
            result.put(device.id(), address == null ? device.attachTo(node) : device.restoreTo(node, address));
        }
        return result;
    }

    /** Everything of the plan taken back, as far as the card lets us; failures are logged. */
    static void detachAll(NodeDriver node, NodePlan plan) {
        for (CardDevice device : CardDevice.of(plan)) {
            try {
                device.detachFrom(node);
            } catch (VirtException e) {
                LOG.warn("node {}: cannot take back device {}: {}", node.name(), device.id(), e.getMessage());
            }
        }
    }
}
