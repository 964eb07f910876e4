package org.metalvirt.shim.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.testing.Await;

/** The generic object table: unique names and UUIDs, jobs one at a time, saved before seen, events after. */
class ObjectTableTest {

    /** An object of no kind in particular. */
    record Thing(UUID uuid, String name, int size) implements Named {}

    enum Job implements JobName {
        GROW,
        SHRINK;

        @Override
        public String holder() {
            return "THING_" + name();
        }
    }

    /** A store in memory, as the disk would hold it. */
    static final class MemoryStore implements ObjectStore<Thing> {
        final Map<UUID, Thing> saved = new ConcurrentHashMap<>();

        @Override
        public void save(Thing record) {
            saved.put(record.uuid(), record);
        }

        @Override
        public void delete(UUID uuid) {
            saved.remove(uuid);
        }
    }

    private static final ObjectKind THINGS = new ObjectKind("thing", ErrorDomain.DOMAIN, Failures::noDomain);

    private final MemoryStore store = new MemoryStore();
    private final List<String> published = new CopyOnWriteArrayList<>();

    private ObjectTable<Thing, String> table(Duration lockTimeout) {
        return new ObjectTable<>(THINGS, store, List.of(), published::add, lockTimeout);
    }

    @Test
    void aNameBelongsToOneUuidAndAUuidToOneName() {
        ObjectTable<Thing, String> table = table(Duration.ofSeconds(1));
        Thing first = table.add(new Thing(UUID.randomUUID(), "a", 1), false);

        VirtException sameName =
                assertThrows(VirtException.class, () -> table.add(new Thing(UUID.randomUUID(), "a", 1), false));
        VirtException sameUuid =
                assertThrows(VirtException.class, () -> table.add(new Thing(first.uuid(), "b", 1), false));

        assertEquals(ErrorNumber.OPERATION_FAILED, sameName.number());
        assertEquals("operation failed: thing 'a' already exists with uuid " + first.uuid(), sameName.getMessage());
        assertEquals("operation failed: thing 'a' is already defined with uuid " + first.uuid(), sameUuid.getMessage());
        assertEquals(List.of(first), table.all());
        assertEquals(first, table.byName("a"));
    }

    @Test
    void anObjectIsFoundByUuidAndByNameOrNotAtAll() {
        ObjectTable<Thing, String> table = table(Duration.ofSeconds(1));
        Thing thing = table.add(new Thing(UUID.randomUUID(), "a", 1), false);

        assertEquals(thing, table.get(thing.uuid()));
        assertEquals(thing, table.byName("a"));
        UUID other = UUID.randomUUID();
        assertEquals(
                "Domain not found: no thing with matching uuid '" + other + "'",
                assertThrows(VirtException.class, () -> table.get(other)).getMessage());
        assertEquals(
                ErrorNumber.NO_DOMAIN,
                assertThrows(VirtException.class, () -> table.byName("b")).number());
    }

    @Test
    void aCommitIsSavedBeforeItIsSeenAndItsEventsGoOutAfter() {
        ObjectTable<Thing, String> table = table(Duration.ofSeconds(1));
        Thing thing = table.add(new Thing(UUID.randomUUID(), "a", 1), false);
        AtomicReference<List<String>> publishedDuringTheJob = new AtomicReference<>();

        table.job(thing.uuid(), Job.GROW, job -> {
            job.commit(new Thing(thing.uuid(), "a", 2));
            job.publish("grew");
            job.publish("grew again");
            publishedDuringTheJob.set(new ArrayList<>(published));
            return null;
        });

        assertEquals(2, store.saved.get(thing.uuid()).size());
        assertEquals(2, table.get(thing.uuid()).size());
        assertEquals(List.of(), publishedDuringTheJob.get());
        assertEquals(List.of("grew", "grew again"), published);
    }

    @Test
    void aFailedJobStillPublishesTheEventsOfWhatItCommitted() {
        ObjectTable<Thing, String> table = table(Duration.ofSeconds(1));
        Thing thing = table.add(new Thing(UUID.randomUUID(), "a", 1), false);

        assertThrows(
                IllegalStateException.class,
                () -> table.job(thing.uuid(), Job.GROW, job -> {
                    job.commit(new Thing(thing.uuid(), "a", 2));
                    job.publish("grew");
                    throw new IllegalStateException("then broke");
                }));

        assertEquals(List.of("grew"), published);
        assertEquals(2, table.get(thing.uuid()).size());
    }

    @Test
    void aSecondJobWaitsForTheFirstThenFailsNamingIt() throws Exception {
        ObjectTable<Thing, String> table = table(Duration.ofMillis(200));
        Thing thing = table.add(new Thing(UUID.randomUUID(), "a", 1), false);
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> first =
                CompletableFuture.runAsync(() -> table.job(thing.uuid(), Job.GROW, job -> release.join()));
        Await.until(() -> table.jobMillis(thing.uuid()) > 0, "the first job holding the lock");

        VirtException e = assertThrows(VirtException.class, () -> table.job(thing.uuid(), Job.SHRINK, job -> null));

        assertEquals(ErrorNumber.OPERATION_TIMEOUT, e.number());
        assertEquals(
                "Timed out during operation: cannot acquire state change lock (held by THING_GROW)", e.getMessage());
        release.complete(null);
        first.get(10, TimeUnit.SECONDS);
        assertEquals(0, table.jobMillis(thing.uuid()));
    }

    @Test
    void aJobThatWaitedForTheLockFindsTheObjectRemovedAndSaysSo() throws Exception {
        ObjectTable<Thing, String> table = table(Duration.ofSeconds(30));
        Thing thing = table.add(new Thing(UUID.randomUUID(), "a", 1), false);
        CompletableFuture<VirtException> second = new CompletableFuture<>();

        table.job(thing.uuid(), Job.SHRINK, job -> {
            Thread thread = new Thread(() -> {
                try {
                    table.job(thing.uuid(), Job.GROW, other -> null);
                    second.complete(null);
                } catch (VirtException e) {
                    second.complete(e);
                }
            });
            thread.start();
            // Looked up, and waiting for the lock this job holds.
            Await.until(() -> thread.getState() == Thread.State.TIMED_WAITING, "the second job waiting for the lock");
            job.remove();
            return null;
        });

        VirtException e = second.get(10, TimeUnit.SECONDS);
        assertEquals(ErrorNumber.NO_DOMAIN, e.number());
        assertEquals("Domain not found: no thing with matching uuid '" + thing.uuid() + "'", e.getMessage());
        assertTrue(store.saved.isEmpty());
        assertEquals(List.of(), table.all());
    }

    @Test
    void lookupsByNameAndGroupFollowRenamesMovesAndRemovals() {
        // Grouped by size, as domains are by node, and marked when named with a 2 (as a node's
        // active domain is): the indexes, not a scan, answer.
        ObjectTable<Thing, String> table = new ObjectTable<>(
                THINGS,
                store,
                List.of(),
                published::add,
                Duration.ofSeconds(1),
                thing -> "size" + thing.size(),
                thing -> thing.name().endsWith("2"));
        Thing a = table.add(new Thing(UUID.randomUUID(), "a", 1), false);
        Thing b = table.add(new Thing(UUID.randomUUID(), "b", 1), false);

        table.job(a.uuid(), Job.GROW, job -> job.commit(new Thing(a.uuid(), "a2", 2)));

        assertEquals("a2", table.byName("a2").name());
        assertThrows(VirtException.class, () -> table.byName("a"));
        assertEquals(List.of(b), table.inGroup("size1"));
        assertEquals(
                List.of("a2"), table.inGroup("size2").stream().map(Thing::name).toList());
        assertEquals(
                List.of("a2"),
                table.markedInGroup("size2").stream().map(Thing::name).toList());
        assertEquals(List.of(), table.markedInGroup("size1"));

        table.job(a.uuid(), Job.SHRINK, job -> job.commit(new Thing(a.uuid(), "a3", 2)));
        assertEquals(List.of(), table.markedInGroup("size2"));
        assertEquals(
                List.of("a3"), table.inGroup("size2").stream().map(Thing::name).toList());

        table.job(b.uuid(), Job.SHRINK, job -> {
            job.remove();
            return null;
        });
        assertThrows(VirtException.class, () -> table.byName("b"));
        assertEquals(List.of(), table.inGroup("size1"));
        assertEquals(List.of(), table.inGroup("size9"));
        // A freed name can be taken again.
        assertEquals("b", table.add(new Thing(UUID.randomUUID(), "b", 3), false).name());
    }

    @Test
    void aListingByNameIsInNameOrderWithoutReservedOrRemovedObjects() {
        ObjectTable<Thing, String> table = table(Duration.ofSeconds(1));
        for (String name : List.of("m", "b", "z", "a")) {
            table.add(new Thing(UUID.randomUUID(), name, 1), false);
        }
        ObjectTable.Reservation<Thing> reserved = table.reserve(new Thing(UUID.randomUUID(), "c", 1), false, Job.GROW);
        Thing removed = table.byName("z");
        table.job(removed.uuid(), Job.SHRINK, job -> {
            job.remove();
            return null;
        });

        assertEquals(
                List.of("a", "b", "m"),
                table.allByName().stream().map(Thing::name).toList());
        reserved.commit();
        assertEquals(
                List.of("a", "b", "c", "m"),
                table.allByName().stream().map(Thing::name).toList());
    }
}
