package org.metalvirt.shim.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What moving the card from one set of devices to another takes: the devices kept as they are,
 * the ones to attach (new, or changed), the ones to detach (gone, or changed). A changed device
 * is in both: its old programming detached, its new one attached.
 */
record CardDiff(List<CardDevice> keep, List<CardDevice> attach, List<CardDevice> detach) {

    CardDiff {
        keep = List.copyOf(keep);
        attach = List.copyOf(attach);
        detach = List.copyOf(detach);
    }

    static CardDiff between(List<CardDevice> had, List<CardDevice> wanted) {
        Map<String, CardDevice> before = byId(had);
        Map<String, CardDevice> after = byId(wanted);
        List<CardDevice> keep = new ArrayList<>();
        List<CardDevice> attach = new ArrayList<>();
        List<CardDevice> detach = new ArrayList<>();
        before.forEach((id, device) -> {
            if (device.equals(after.get(id))) {
                keep.add(device);
            } else {
                detach.add(device);
            }
        });
        after.forEach((id, device) -> {
            if (!device.equals(before.get(id))) {
                attach.add(device);
            }
        });
        return new CardDiff(keep, attach, detach);
    }

    /** The old programming of a device this diff changes, if it changes {@code device} rather than adding it. */
    Optional<CardDevice> replaced(CardDevice device) {
        return detach.stream().filter(old -> old.id().equals(device.id())).findFirst();
    }

    boolean changes(CardDevice old) {
        return attach.stream().anyMatch(device -> Objects.equals(device.id(), old.id()));
    }

    private static Map<String, CardDevice> byId(List<CardDevice> devices) {
        Map<String, CardDevice> map = new LinkedHashMap<>();
        devices.forEach(device -> map.put(device.id(), device));
        return map;
    }
}
