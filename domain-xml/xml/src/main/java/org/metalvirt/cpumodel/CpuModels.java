package org.metalvirt.cpumodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;

/**
 * metalvirt's CPU model table ({@code cpu-models.xml} beside this class), per architecture,
 * older models first. It answers which models a server's CPU can run and is the default feature
 * list of a server whose inventory names only its model.
 */
public final class CpuModels {

    private static final CpuModels TABLE = load();

    private final List<ArchModels> archs;

    private CpuModels(List<ArchModels> archs) {
        this.archs = List.copyOf(archs);
    }

    /** The table shipped with metalvirt. */
    public static CpuModels table() {
        return TABLE;
    }

    /** The models of {@code arch}'s CPU family, older first; empty for an arch the table does not describe. */
    public List<CpuModel> forArch(String arch) {
        return family(arch).map(ArchModels::models).orElse(List.of());
    }

    /** The model called {@code name} in {@code arch}'s family. */
    public Optional<CpuModel> find(String arch, String name) {
        return forArch(arch).stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Whether the table describes CPUs of {@code arch}. */
    public boolean describes(String arch) {
        return family(arch).isPresent();
    }

    /** Whether {@code a} and {@code b} are served by the same CPU family (x86_64 and i686 are). */
    public boolean sameFamily(String a, String b) {
        return a.equals(b) || family(a).isPresent() && family(a).equals(family(b));
    }

    /** Features a guest cannot keep across a migration, left out of a MIGRATABLE baseline. */
    public Set<String> nonMigratable(String arch) {
        return family(arch).map(ArchModels::nonMigratable).orElse(Set.of());
    }

    private Optional<ArchModels> family(String arch) {
        return archs.stream().filter(a -> a.names().contains(arch)).findFirst();
    }

    record ArchModels(Set<String> names, Set<String> nonMigratable, List<CpuModel> models) {}

    private static CpuModels load() {
        try (InputStream in = CpuModels.class.getResourceAsStream("cpu-models.xml")) {
            if (in == null) {
                throw new IllegalStateException("cpu-models.xml is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a table in {@code cpu-models.xml}'s format: a model is whole, or another one with features added and dropped. */
    static CpuModels parse(String xml) {
        List<ArchModels> archs = new ArrayList<>();
        for (XmlElement arch : XmlReader.parse(xml).children("arch")) {
            Map<String, CpuModel> models = new LinkedHashMap<>();
            for (XmlElement model : arch.children("model")) {
                String name = model.attribute("name").orElseThrow();
                Set<String> features = new HashSet<>();
                Optional<String> from = model.attribute("from");
                if (from.isPresent()) {
                    CpuModel base = models.get(from.get());
                    if (base == null) {
                        throw new IllegalStateException(name + " is based on " + from.get() + ", not listed before it");
                    }
                    features.addAll(base.features());
                    features.addAll(words(model.attribute("adds")));
                    features.removeAll(words(model.attribute("drops")));
                } else {
                    features.addAll(words(model.attribute("features")));
                }
                models.put(name, new CpuModel(name, model.attribute("vendor"), features));
            }
            archs.add(new ArchModels(
                    Set.copyOf(words(arch.attribute("names"))),
                    Set.copyOf(words(arch.attribute("nonMigratable"))),
                    List.copyOf(models.values())));
        }
        return new CpuModels(archs);
    }

    private static List<String> words(Optional<String> list) {
        return list.map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> Arrays.asList(s.split("\\s+")))
                .orElse(List.of());
    }
}
