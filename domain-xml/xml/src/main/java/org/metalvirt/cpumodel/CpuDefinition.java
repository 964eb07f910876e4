package org.metalvirt.cpumodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;

/**
 * A {@code <cpu>} element a client sends to compare or baseline, read as libvirt reads it: with an
 * {@code <arch>} it describes a host CPU (its features all present), else a guest CPU whose
 * features carry a policy.
 *
 * @param host     a host CPU description (it has an {@code <arch>})
 * @param arch     the host CPU's arch
 * @param mode     a guest CPU's mode: custom, host-model, host-passthrough or maximum
 * @param strict   a guest CPU with {@code match='strict'}: a host with more features does not match
 * @param features feature name to policy, in document order
 */
public record CpuDefinition(
        boolean host,
        Optional<String> arch,
        String mode,
        boolean strict,
        Optional<String> model,
        Optional<String> vendor,
        Map<String, Policy> features) {

    /** libvirt's feature policies. */
    public enum Policy {
        FORCE,
        REQUIRE,
        OPTIONAL,
        DISABLE,
        FORBID;

        static Policy named(String name) {
            for (Policy policy : values()) {
                if (policy.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return policy;
                }
            }
            throw CpuErrors.xml("Invalid CPU feature policy");
        }
    }

    private static final Set<String> MODES = Set.of("custom", "host-model", "host-passthrough", "maximum");
    private static final Set<String> MATCHES = Set.of("minimum", "exact", "strict");

    public CpuDefinition {
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /** The features with {@code policy}. */
    public Set<String> with(Policy policy) {
        Set<String> names = new TreeSet<>();
        features.forEach((name, p) -> {
            if (p == policy) {
                names.add(name);
            }
        });
        return names;
    }

    /** Reads one {@code <cpu>} document with the hardened reader. */
    public static CpuDefinition parse(String xml) {
        XmlElement cpu = XmlReader.parse(xml);
        if (!cpu.name().equals("cpu")) {
            throw CpuErrors.xml("XML does not contain expected 'cpu' element");
        }
        Optional<String> arch = cpu.childText("arch").map(String::strip);
        boolean host = cpu.child("arch").isPresent();
        if (host && cpu.attribute("match").isPresent()) {
            throw CpuErrors.xml("'arch' element cannot be used inside 'cpu' element with 'match' attribute'");
        }
        String mode = "custom";
        if (cpu.attribute("mode").isPresent()) {
            if (host) {
                throw CpuErrors.unsupported("Attribute mode is only allowed for guest CPU");
            }
            mode = cpu.attribute("mode").get();
            if (!MODES.contains(mode)) {
                throw CpuErrors.unsupported("Invalid mode attribute '" + mode + "'");
            }
        }
        String match = cpu.attribute("match").orElse("exact");
        if (!MATCHES.contains(match)) {
            throw CpuErrors.xml("Invalid value for attribute 'match' in element 'cpu': '" + match + "'.");
        }
        if (host && arch.orElse("").isEmpty()) {
            throw CpuErrors.xml("Missing CPU architecture");
        }
        Map<String, Policy> features = new LinkedHashMap<>();
        for (XmlElement feature : cpu.children("feature")) {
            String name = feature.attribute("name").map(String::strip).orElse("");
            if (name.isEmpty()) {
                throw CpuErrors.xml("Invalid CPU feature name");
            }
            Policy policy = host
                    ? Policy.REQUIRE
                    : feature.attribute("policy").map(Policy::named).orElse(Policy.REQUIRE);
            if (features.put(name, policy) != null) {
                throw CpuErrors.unsupported("CPU feature '" + name + "' specified more than once");
            }
        }
        return new CpuDefinition(
                host,
                arch,
                mode,
                !host && match.equals("strict"),
                cpu.childText("model").map(String::strip).filter(s -> !s.isEmpty()),
                cpu.childText("vendor").map(String::strip).filter(s -> !s.isEmpty()),
                features);
    }
}
