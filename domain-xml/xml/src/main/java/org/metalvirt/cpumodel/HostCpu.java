package org.metalvirt.cpumodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.metalvirt.node.NodeInventory;

/**
 * The server's CPU as the CPU APIs see it: its arch, vendor, model and features. What libvirt
 * calls the host CPU, and the hypervisor's host-model CPU too: the OS runs on the CPU itself.
 */
public record HostCpu(String arch, String vendor, String model, Set<String> features) {

    public HostCpu {
        features = Collections.unmodifiableSortedSet(new TreeSet<>(features));
    }

    public static HostCpu of(NodeInventory node) {
        return new HostCpu(
                node.arch(),
                node.cpu().vendor(),
                node.cpu().model(),
                Set.copyOf(node.cpu().features()));
    }

    /** The server's model in the table, if the table knows it. */
    public Optional<CpuModel> knownModel() {
        return CpuModels.table().find(arch, model);
    }

    /** What the server has beyond its model ({@code require}); all its features for a model the table lacks. */
    public List<String> addedToModel() {
        Set<String> base = knownModel().map(CpuModel::features).orElse(Set.of());
        return features.stream().filter(f -> !base.contains(f)).toList();
    }

    /** What its model has and the server lacks ({@code disable}). */
    public List<String> missingFromModel() {
        Set<String> base = knownModel().map(CpuModel::features).orElse(Set.of());
        return base.stream().filter(f -> !features.contains(f)).toList();
    }

    /** Whether this CPU runs {@code model}: a model of another vendor never, else when it has all its features. */
    public boolean runs(CpuModel candidate) {
        return candidate.vendor().map(vendor::equals).orElse(true) && candidate.runsOn(features);
    }

    /** The table's models of this arch this CPU runs, older first. */
    public List<CpuModel> usableModels() {
        List<CpuModel> usable = new ArrayList<>();
        for (CpuModel candidate : CpuModels.table().forArch(arch)) {
            if (runs(candidate)) {
                usable.add(candidate);
            }
        }
        return usable;
    }
}
