package org.metalvirt.domainxml;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks libvirt makes across a domain's devices at define time, with its codes and words. */
final class DomainChecks {

    private DomainChecks() {}

    static void check(List<Device> devices, boolean osBoot) {
        Map<String, Device.Disk> targets = new HashMap<>();
        Set<String> aliases = new HashSet<>();
        Set<Integer> orders = new HashSet<>();
        for (Device device : devices) {
            if (device instanceof Device.Disk disk) {
                Device.Disk first = targets.putIfAbsent(disk.target(), disk);
                if (first != null) {
                    throw Errors.xml("target '" + disk.target() + "' duplicated for disk sources '"
                            + DeviceReader.describe(first.source()) + "' and '"
                            + DeviceReader.describe(disk.source()) + "'");
                }
            }
            if (device.alias().isPresent() && !aliases.add(device.alias().get())) {
                throw Errors.unsupported(
                        "non unique alias detected: " + device.alias().get());
            }
            if (device.bootOrder().isPresent() && !orders.add(device.bootOrder().getAsInt())) {
                throw Errors.unsupported(
                        "boot order '" + device.bootOrder().getAsInt() + "' used for more than one device");
            }
        }
        if (osBoot && !orders.isEmpty()) {
            throw Errors.unsupported("per-device boot elements cannot be used together with os/boot elements");
        }
    }
}
