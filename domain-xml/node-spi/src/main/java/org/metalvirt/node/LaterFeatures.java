package org.metalvirt.node;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/** A CPU's feature list read from its source at first use, then kept; see {@link CpuTopology#featuresLater}. */
final class LaterFeatures extends AbstractList<String> implements RandomAccess {

    private final Supplier<List<String>> source;
    private volatile List<String> features;

    LaterFeatures(Supplier<List<String>> source) {
        this.source = source;
    }

    private List<String> features() {
        List<String> known = features;
        if (known == null) {
            // Two first readers may both read the source: it gives the same list to both.
            known = CpuTopology.checked(source.get());
            features = known;
        }
        return known;
    }

    @Override
    public String get(int index) {
        return features().get(index);
    }

    @Override
    public int size() {
        return features().size();
    }
}
