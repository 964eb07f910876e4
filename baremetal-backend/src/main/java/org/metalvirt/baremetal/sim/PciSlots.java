package org.metalvirt.baremetal.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * The PCI functions one kind of device occupies on one bus of the server, by device id. Slot
 * {@code n} is device {@code n / 8}, function {@code n % 8}, so the first eight are
 * {@code <bus>:00.0} to {@code <bus>:00.7}; a freed slot is the next one taken. Thread-safe.
 */
final class PciSlots {

    /** Functions on one PCI bus: 32 devices of 8 functions. */
    static final int MAX = 256;

    private final String node;
    private final String bus;
    private final String kind;
    private final String[] ids;

    /**
     * @param bus  domain and bus, as {@code 0000:3b}
     * @param kind what a slot holds, for messages: {@code disk}, {@code VF}
     */
    PciSlots(String node, String bus, String kind, int capacity) {
        if (capacity < 0 || capacity > MAX) {
            throw new IllegalArgumentException(kind + " slots must be between 0 and " + MAX + ", got " + capacity);
        }
        this.node = Objects.requireNonNull(node, "node");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.ids = new String[capacity];
    }

    int capacity() {
        return ids.length;
    }

    /** Takes the lowest free slot for {@code id}; returns its PCI address. */
    synchronized String take(String id) {
        Objects.requireNonNull(id, "id");
        if (indexOf(id) >= 0) {
            throw new VirtException(
                    ErrorNumber.OPERATION_INVALID,
                    ErrorDomain.NONE,
                    kind + " '" + id + "' is already attached to node " + node);
        }
        int free = indexOf(null);
        if (free < 0) {
            throw new VirtException(
                    ErrorNumber.OPERATION_FAILED,
                    ErrorDomain.NONE,
                    "no free " + kind + " on node " + node + " (" + ids.length + " in use)");
        }
        ids[free] = id;
        return address(free);
    }

    synchronized void release(String id) {
        int slot = id == null ? -1 : indexOf(id);
        if (slot < 0) {
            throw new VirtException(
                    ErrorNumber.DEVICE_MISSING,
                    ErrorDomain.NONE,
                    "no " + kind + " '" + id + "' is attached to node " + node);
        }
        ids[slot] = null;
    }

    /** The ids in slot order. */
    synchronized List<String> ids() {
        List<String> taken = new ArrayList<>();
        for (String id : ids) {
            if (id != null) {
                taken.add(id);
            }
        }
        return List.copyOf(taken);
    }

    private int indexOf(String id) {
        for (int slot = 0; slot < ids.length; slot++) {
            if (Objects.equals(ids[slot], id)) {
                return slot;
            }
        }
        return -1;
    }

    private String address(int slot) {
        return String.format("%s:%02x.%x", bus, slot / 8, slot % 8);
    }
}
