package org.metalvirt.shim.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.metalvirt.error.Failures;
import org.metalvirt.node.BlockStorage;
import org.metalvirt.node.NetworkAttachment;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;

/**
 * A card in memory: the disks and VFs it gives the server, by id, as they were programmed; one
 * id at a time, as a real card's slots are. Refuses to attach what the test says it cannot.
 */
final class FakeCard implements BlockStorage, NetworkAttachment {

    private final Map<String, Object> held = new LinkedHashMap<>();
    private volatile Predicate<Object> refused = device -> false;

    NodeDriver node(String name) {
        return NodeDriver.inventoryOnly(name, () -> {
                    throw new UnsupportedOperationException("no inventory");
                })
                .withStorage(this)
                .withNetwork(this);
    }

    /** From now on, attaching a device that matches fails as hardware refusing it does. */
    void refuse(Predicate<Object> device) {
        refused = device;
    }

    /** What the card holds: each device as it was programmed, in the order attached. */
    synchronized Map<String, Object> held() {
        return Map.copyOf(held);
    }

    @Override
    public String attach(VirtioBlkDisk disk) {
        return attach(disk.id(), disk);
    }

    @Override
    public String attach(VirtualFunction vf) {
        return attach(vf.id(), vf);
    }

    private synchronized String attach(String id, Object device) {
        if (refused.test(device)) {
            throw Failures.failed("the card refuses " + id);
        }
        if (held.containsKey(id)) {
            throw Failures.failed("the card has " + id + " already");
        }
        held.put(id, device);
        return "slot-" + id;
    }

    @Override
    public synchronized void detach(String id) {
        if (held.remove(id) == null) {
            throw Failures.missing("no device " + id);
        }
    }

    @Override
    public int capacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public synchronized List<String> attached() {
        return List.copyOf(held.keySet());
    }
}
