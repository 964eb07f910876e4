package org.metalvirt.cpumodel;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A CPU model as libvirt names it: a vendor (none for QEMU's generic models) and the features a
 * CPU must have to run it.
 *
 * @param features libvirt's feature names, sorted
 */
public record CpuModel(String name, Optional<String> vendor, Set<String> features) {

    public CpuModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        features = Collections.unmodifiableSortedSet(new TreeSet<>(features));
    }

    /** A CPU with {@code available} features runs this model. */
    public boolean runsOn(Set<String> available) {
        return available.containsAll(features);
    }

    /** The vendor as domain capabilities print it: {@code unknown} for a generic model. */
    public String vendorOrUnknown() {
        return vendor.orElse("unknown");
    }
}
