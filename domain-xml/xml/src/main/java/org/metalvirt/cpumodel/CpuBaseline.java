package org.metalvirt.cpumodel;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.metalvirt.cpumodel.CpuDefinition.Policy;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlWriter;

/**
 * The CPU every given CPU can run, as libvirt's x86 baseline computes it: the features all of
 * them have, described as the table's model with the most of those features (the newest of its
 * line that fits) plus what the common features add to it.
 *
 * @param expandFeatures list every feature, the model's too ({@code EXPAND_FEATURES})
 * @param migratable     leave out features a guest cannot migrate with ({@code MIGRATABLE})
 * @param forHypervisor  the hypervisor's baseline, whose model may not be replaced ({@code fallback='forbid'})
 */
public record CpuBaseline(boolean expandFeatures, boolean migratable, boolean forHypervisor) {

    /** The baseline CPU's XML; {@code arch} is the server's for the hypervisor's, else that of the first CPU. */
    public String of(List<CpuDefinition> cpus, Optional<String> arch) {
        if (cpus.isEmpty()) {
            throw CpuErrors.invalid("no CPUs given");
        }
        for (int i = 0; i < cpus.size(); i++) {
            if (cpus.get(i).model().isEmpty()) {
                throw CpuErrors.invalid("no CPU model specified at index " + i);
            }
        }
        String family = arch.or(() -> cpus.get(0).arch()).orElseThrow(() -> CpuErrors.xml("Missing CPU architecture"));
        CpuModels table = CpuModels.table();
        if (!table.describes(family)) {
            throw new VirtException(
                    ErrorNumber.NO_SUPPORT,
                    ErrorDomain.CPU,
                    "this function is not supported by the connection driver: '" + family
                            + "' architecture is not supported by CPU driver");
        }
        Optional<String> vendor = Optional.empty();
        boolean everyVendorGiven = true;
        Set<String> common = null;
        for (CpuDefinition cpu : cpus) {
            CpuModel model = table.find(family, cpu.model().get())
                    .orElseThrow(() -> CpuErrors.internal(
                            "Unknown CPU model " + cpu.model().get()));
            if (cpu.vendor().isPresent()
                    && model.vendor().isPresent()
                    && !cpu.vendor().equals(model.vendor())) {
                throw failed("CPU vendor " + model.vendor().get() + " of model " + model.name()
                        + " differs from vendor " + cpu.vendor().get());
            }
            everyVendorGiven &= cpu.vendor().isPresent();
            Optional<String> named = cpu.vendor().or(model::vendor);
            if (named.isPresent()) {
                if (vendor.isPresent() && !vendor.equals(named)) {
                    throw failed("CPU vendors do not match");
                }
                vendor = named;
            }
            Set<String> features = new TreeSet<>(model.features());
            features.addAll(cpu.with(Policy.REQUIRE));
            features.addAll(cpu.with(Policy.FORCE));
            features.removeAll(cpu.with(Policy.DISABLE));
            features.removeAll(cpu.with(Policy.FORBID));
            if (common == null) {
                common = features;
            } else {
                common.retainAll(features);
            }
        }
        if (common.isEmpty()) {
            throw failed("CPUs are incompatible");
        }
        if (migratable) {
            common.removeAll(table.nonMigratable(family));
        }
        CpuModel best = bestModel(table.forArch(family), vendor, common);
        return format(best, everyVendorGiven ? vendor : Optional.empty(), common);
    }

    /** The model with the most features among those the common features run; later (newer) wins a tie. */
    private static CpuModel bestModel(List<CpuModel> models, Optional<String> vendor, Set<String> common) {
        CpuModel best = null;
        for (CpuModel model : models) {
            boolean vendorFits = model.vendor().isEmpty() || model.vendor().equals(vendor);
            if (vendorFits
                    && model.runsOn(common)
                    && (best == null
                            || model.features().size() >= best.features().size())) {
                best = model;
            }
        }
        if (best == null) {
            throw failed("CPUs are incompatible");
        }
        return best;
    }

    private String format(CpuModel model, Optional<String> vendor, Set<String> common) {
        XmlElement cpu = new XmlElement("cpu").attribute("mode", "custom").attribute("match", "exact");
        cpu.add("model")
                .attribute("fallback", forHypervisor ? "forbid" : "allow")
                .text(model.name());
        vendor.ifPresent(name -> cpu.add("vendor").text(name));
        for (String feature : common) {
            if (expandFeatures || !model.features().contains(feature)) {
                cpu.add("feature").attribute("policy", "require").attribute("name", feature);
            }
        }
        return XmlWriter.write(cpu);
    }

    private static VirtException failed(String reason) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.CPU, "operation failed: " + reason);
    }
}
