package org.metalvirt.cpumodel;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.metalvirt.cpumodel.CpuDefinition.Policy;

/**
 * Compares a described CPU with the server's, as libvirt's x86 CPU driver does, on feature
 * names: the server is IDENTICAL to a CPU whose features it has exactly, a SUPERSET when it has
 * more, and INCOMPATIBLE when it lacks a required feature, has a forbidden one, is another
 * vendor's or another arch's (or has more than a {@code match='strict'} guest CPU allows).
 */
public final class CpuComparison {

    /** libvirt's {@code virCPUCompareResult}. */
    public enum Result {
        INCOMPATIBLE(0),
        IDENTICAL(1),
        SUPERSET(2);

        private final int code;

        Result(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** The result, and why the CPUs are incompatible when they are. */
    public record Outcome(Result result, Optional<String> reason) {}

    private CpuComparison() {}

    /**
     * The comparison; with {@code failIncompatible} an incompatible CPU is libvirt's
     * {@code VIR_ERR_CPU_INCOMPATIBLE} error instead.
     */
    public static Result compare(HostCpu host, CpuDefinition cpu, boolean failIncompatible) {
        Outcome outcome = outcome(host, cpu);
        if (outcome.result() == Result.INCOMPATIBLE && failIncompatible) {
            throw CpuErrors.incompatible(outcome.reason().orElse("incompatible"));
        }
        return outcome.result();
    }

    static Outcome outcome(HostCpu host, CpuDefinition cpu) {
        CpuModels table = CpuModels.table();
        if (cpu.arch().isPresent() && !table.sameFamily(cpu.arch().get(), host.arch())) {
            return incompatible("CPU arch " + cpu.arch().get() + " does not match host arch");
        }
        if (cpu.vendor().isPresent() && !cpu.vendor().get().equals(host.vendor())) {
            return incompatible("host CPU vendor does not match required CPU vendor "
                    + cpu.vendor().get());
        }
        Set<String> required = new TreeSet<>(modelFeatures(host.arch(), cpu));
        required.addAll(cpu.with(Policy.REQUIRE));
        Set<String> forbidden = intersection(cpu.with(Policy.FORBID), host.features());
        if (!forbidden.isEmpty()) {
            return incompatible("Host CPU provides forbidden features: " + String.join(", ", forbidden));
        }
        // What the model brings but the definition forces, makes optional or disables is not required.
        required.removeAll(cpu.with(Policy.FORCE));
        required.removeAll(cpu.with(Policy.OPTIONAL));
        required.removeAll(cpu.with(Policy.DISABLE));
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(host.features());
        if (!missing.isEmpty()) {
            return incompatible("Host CPU does not provide required features: " + String.join(", ", missing));
        }
        Set<String> extra = new TreeSet<>(host.features());
        extra.removeAll(required);
        extra.removeAll(cpu.with(Policy.OPTIONAL));
        extra.removeAll(cpu.with(Policy.DISABLE));
        extra.removeAll(cpu.with(Policy.FORCE));
        if (extra.isEmpty()) {
            return new Outcome(Result.IDENTICAL, Optional.empty());
        }
        if (cpu.strict()) {
            return incompatible(
                    "Host CPU does not strictly match guest CPU: Extra features: " + String.join(", ", extra));
        }
        return new Outcome(Result.SUPERSET, Optional.empty());
    }

    /** The features of the definition's model; libvirt's "Unknown CPU model" for a name the table lacks. */
    static Set<String> modelFeatures(String arch, CpuDefinition cpu) {
        if (cpu.model().isEmpty()) {
            return Set.of();
        }
        return CpuModels.table()
                .find(arch, cpu.model().get())
                .map(CpuModel::features)
                .orElseThrow(() ->
                        CpuErrors.internal("Unknown CPU model " + cpu.model().get()));
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static Outcome incompatible(String reason) {
        return new Outcome(Result.INCOMPATIBLE, Optional.of(reason));
    }
}
