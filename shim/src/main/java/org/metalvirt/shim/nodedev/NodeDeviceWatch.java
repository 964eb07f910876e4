package org.metalvirt.shim.nodedev;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.metalvirt.hostxml.NodeDeviceDef;
import org.metalvirt.hostxml.NodeDeviceXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node-device events from the devices themselves. libvirt's udev driver turns the kernel's add,
 * remove and change uevents into CREATED, DELETED and UPDATE; the card gets no uevent for the
 * server's functions, so each {@link #check} compares the devices now with those seen last: a
 * name that appeared is CREATED, one gone DELETED, one whose XML differs UPDATE. It holds one XML
 * per device, and reads them once per check.
 */
public final class NodeDeviceWatch {

    private static final Logger LOG = LoggerFactory.getLogger(NodeDeviceWatch.class);

    private final Supplier<List<NodeDeviceDef>> devices;
    private final Consumer<NodeDeviceEvent> events;
    /** Each device's XML by name, as last read; null until a read succeeds. */
    private Map<String, String> seen;

    /** Reads the devices now: what they are at start is no change. */
    public NodeDeviceWatch(Supplier<List<NodeDeviceDef>> devices, Consumer<NodeDeviceEvent> events) {
        this.devices = devices;
        this.events = events;
        check();
    }

    /** Publishes what changed since the last read; a read that fails changes nothing and is tried again next time. */
    public synchronized void check() {
        Map<String, String> now = new LinkedHashMap<>();
        try {
            devices.get().forEach(device -> now.put(device.name(), NodeDeviceXml.format(device)));
        } catch (RuntimeException e) {
            LOG.warn("cannot read the node devices: {}", e.toString());
            return;
        }
        if (seen != null) {
            changes(seen, now).forEach(events);
        }
        seen = now;
    }

    /** Devices gone first, then those that appeared or changed, in listing order. */
    static List<NodeDeviceEvent> changes(Map<String, String> before, Map<String, String> now) {
        List<NodeDeviceEvent> changes = new ArrayList<>();
        before.keySet().stream()
                .filter(name -> !now.containsKey(name))
                .forEach(name -> changes.add(new NodeDeviceEvent.Lifecycle(name, NodeDeviceEvent.Type.DELETED)));
        now.forEach((name, xml) -> {
            String old = before.get(name);
            if (old == null) {
                changes.add(new NodeDeviceEvent.Lifecycle(name, NodeDeviceEvent.Type.CREATED));
            } else if (!old.equals(xml)) {
                changes.add(new NodeDeviceEvent.Update(name));
            }
        });
        return changes;
    }
}
