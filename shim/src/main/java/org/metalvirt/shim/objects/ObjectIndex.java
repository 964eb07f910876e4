package org.metalvirt.shim.objects;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The table's indexes besides the UUID: by name, and by a group key its owner chooses (a
 * domain's node), so that a lookup by name or a node's domains cost what libvirt's hash tables
 * cost, not a scan of every object — a rack has a thousand.
 */
final class ObjectIndex<R extends Named> {

    private final Function<? super R, String> groupOf;
    private final Predicate<? super R> marked;
    /** Sorted: a listing in name order walks it rather than sorting every object each time. */
    private final ConcurrentNavigableMap<String, UUID> byName = new ConcurrentSkipListMap<>();

    private final Map<String, Set<UUID>> byGroup = new ConcurrentHashMap<>();
    /** Per group, its records {@code marked} (a node's active domain, among all defined on it). */
    private final Map<String, Set<UUID>> markedByGroup = new ConcurrentHashMap<>();

    ObjectIndex(Function<? super R, String> groupOf, Predicate<? super R> marked) {
        this.groupOf = groupOf;
        this.marked = marked;
    }

    void added(R record) {
        byName.put(record.name(), record.uuid());
        String group = groupOf.apply(record);
        byGroup.computeIfAbsent(group, key -> ConcurrentHashMap.newKeySet()).add(record.uuid());
        if (marked.test(record)) {
            markedByGroup
                    .computeIfAbsent(group, key -> ConcurrentHashMap.newKeySet())
                    .add(record.uuid());
        }
    }

    /** A record replaced: its name, group or mark may have changed. */
    void changed(R before, R after) {
        if (!before.name().equals(after.name())
                || !Objects.equals(groupOf.apply(before), groupOf.apply(after))
                || marked.test(before) != marked.test(after)) {
            removed(before);
            added(after);
        }
    }

    void removed(R record) {
        byName.remove(record.name(), record.uuid());
        String key = groupOf.apply(record);
        for (Map<String, Set<UUID>> index : List.of(byGroup, markedByGroup)) {
            Set<UUID> group = index.get(key);
            if (group != null) {
                group.remove(record.uuid());
            }
        }
    }

    Set<UUID> marked(String key) {
        return markedByGroup.getOrDefault(key, Set.of());
    }

    /** Every named object's UUID, in name order. */
    Collection<UUID> inNameOrder() {
        return byName.values();
    }

    Optional<UUID> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Set<UUID> group(String key) {
        return byGroup.getOrDefault(key, Set.of());
    }
}
