package org.metalvirt.storage;

import java.util.List;

/** A pool as a refresh finds it: its space in bytes and its volumes. */
public record PoolFacts(long capacity, long allocation, long available, List<VolumeFacts> volumes) {

    public PoolFacts {
        volumes = List.copyOf(volumes);
    }
}
