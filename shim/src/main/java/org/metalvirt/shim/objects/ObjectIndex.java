package org.metalvirt.shim.objects;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The table's indexes besides the UUID: by name, and by a group key its owner chooses (a
 * domain's node), so that a lookup by name or a node's domains cost what libvirt's hash tables
 * cost, not a scan of every object — a rack has a thousand.
 */
final class ObjectIndex<R extends Named> {

    private final Function<? super R, String> groupOf;
    private final Map<String, UUID> byName = new ConcurrentHashMap<>();
    private final Map<String, Set<UUID>> byGroup = new ConcurrentHashMap<>();

    ObjectIndex(Function<? super R, String> groupOf) {
        this.groupOf = groupOf;
    }

    void added(R record) {
        byName.put(record.name(), record.uuid());
        byGroup.computeIfAbsent(groupOf.apply(record), key -> ConcurrentHashMap.newKeySet())
                .add(record.uuid());
    }

    /** A record replaced: its name or group may have changed. */
    void changed(R before, R after) {
        if (!before.name().equals(after.name()) || !Objects.equals(groupOf.apply(before), groupOf.apply(after))) {
            removed(before);
            added(after);
        }
    }

    void removed(R record) {
        byName.remove(record.name(), record.uuid());
        Set<UUID> group = byGroup.get(groupOf.apply(record));
        if (group != null) {
            group.remove(record.uuid());
        }
    }

    Optional<UUID> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Set<UUID> group(String key) {
        return byGroup.getOrDefault(key, Set.of());
    }
}
