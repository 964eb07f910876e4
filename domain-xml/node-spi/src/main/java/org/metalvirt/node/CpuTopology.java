package org.metalvirt.node;

import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The server's processor package layout, as the firmware reports it.
 *
 * @param vendor         CPU vendor as libvirt names it ({@code Intel}, {@code AMD}, {@code ARM})
 * @param model          CPU model name as libvirt's CPU map names it ({@code Skylake-Server})
 * @param mhz            nominal frequency
 * @param sockets        populated sockets
 * @param coresPerSocket cores in each socket
 * @param threadsPerCore hardware threads in each core
 * @param features       the CPU's features, named as libvirt's CPU map names them ({@code sse4.2},
 *                       {@code avx2}); empty when not known
 */
public record CpuTopology(
        String vendor,
        String model,
        int mhz,
        int sockets,
        int coresPerSocket,
        int threadsPerCore,
        List<String> features) {

    /** libvirt's feature names: lower case letters, digits and {@code . _ -}. */
    private static final Pattern FEATURE = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public CpuTopology {
        features = features instanceof LaterFeatures ? features : checked(features);
        Checks.positive("sockets", sockets);
        Checks.positive("coresPerSocket", coresPerSocket);
        Checks.positive("threadsPerCore", threadsPerCore);
        Checks.positive("mhz", mhz);
    }

    /**
     * Features read from {@code source} (a CPU model table) only when first asked for, and checked
     * then: a daemon's start does not read the table for a node configured by its CPU model.
     */
    public static List<String> featuresLater(Supplier<List<String>> source) {
        return new LaterFeatures(source);
    }

    static List<String> checked(List<String> listed) {
        List<String> features = List.copyOf(listed);
        for (String feature : features) {
            if (!FEATURE.matcher(feature).matches()) {
                throw new IllegalArgumentException(
                        "'" + feature + "' is not a CPU feature name as libvirt spells them");
            }
        }
        if (new HashSet<>(features).size() != features.size()) {
            throw new IllegalArgumentException("CPU features listed twice: " + features);
        }
        return features;
    }

    /** A CPU whose features are not known. */
    public CpuTopology(String vendor, String model, int mhz, int sockets, int coresPerSocket, int threadsPerCore) {
        this(vendor, model, mhz, sockets, coresPerSocket, threadsPerCore, List.of());
    }

    /** The same CPU with the given features. */
    public CpuTopology withFeatures(List<String> known) {
        return new CpuTopology(vendor, model, mhz, sockets, coresPerSocket, threadsPerCore, known);
    }

    /** Logical CPUs the server's OS sees. */
    public int logicalCpus() {
        return sockets * coresPerSocket * threadsPerCore;
    }
}
