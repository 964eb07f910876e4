package org.metalvirt.shim.domain;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.testing.Await;

/** The one poll schedule: every node once per interval, spread, bounded, a dead node holding one slot. */
class NodePollsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final Map<String, AtomicInteger> visits = new ConcurrentHashMap<>();

    private static List<String> nodes(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private int visits(String node) {
        return visits.getOrDefault(node, new AtomicInteger()).get();
    }

    private void count(String node) {
        visits.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
    }

    @Test
    void theNodesAreVisitedInTheirOrderOverTheInterval() {
        List<String> order = new CopyOnWriteArrayList<>();
        try (NodePolls polls = new NodePolls(Duration.ofMillis(500), 1, order::add)) {
            polls.nodes(nodes("n", 10));

            await().atMost(BOUND).until(() -> order.size() >= 10);
        }
        assertEquals(nodes("n", 10), order.subList(0, 10), "node i is due at i·interval/N");
    }

    @Test
    void noMoreVisitsRunAtOnceThanTheConcurrencyAndTheRestWait() throws InterruptedException {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (NodePolls polls = new NodePolls(Duration.ofMillis(100), 3, node -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            Await.released(release);
            count(node);
            now.decrementAndGet();
        })) {
            polls.nodes(nodes("n", 20));
            await().atMost(BOUND).until(() -> polls.running() == 3);

            release.countDown();

            await().atMost(BOUND).until(() -> nodes("n", 20).stream().allMatch(node -> visits(node) >= 2));
        }
        assertEquals(3, most.get());
    }

    @Test
    void aNodeThatDoesNotAnswerHoldsOneSlotAndTheOthersGoOn() {
        CountDownLatch dead = new CountDownLatch(1);
        try (NodePolls polls = new NodePolls(Duration.ofMillis(100), 2, node -> {
            count(node);
            if (node.equals("n0")) {
                Await.released(dead); // a BMC that never answers, until its timeout
            }
        })) {
            polls.nodes(nodes("n", 5));

            await().atMost(BOUND).until(() -> nodes("n", 5).stream().skip(1).allMatch(node -> visits(node) >= 5));
            assertEquals(1, visits("n0"), "never visited again while its visit runs");

            dead.countDown();
            await().atMost(BOUND).until(() -> visits("n0") >= 2);
        }
    }

    @Test
    void aNewSetOfNodesIsSpreadAnewAndTheOldOnesAreNoLongerVisited() {
        try (NodePolls polls = new NodePolls(Duration.ofMillis(100), 4, this::count)) {
            polls.nodes(nodes("a", 3));
            await().atMost(BOUND).until(() -> visits("a2") >= 1);

            polls.nodes(nodes("b", 7));
            await().atMost(BOUND).until(() -> nodes("b", 7).stream().allMatch(node -> visits(node) >= 1));
            int before = visits("a0");
            await().atMost(BOUND).until(() -> visits("b0") >= 4);

            assertTrue(visits("a0") <= before + 1, "a0 visited after it left the set: " + visits("a0"));
        }
    }

    @Test
    void atStartEveryNodeIsReadOnceNoMoreAtATimeThanTheConcurrencyAndAFailureIsTold() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (NodePolls polls = new NodePolls(Duration.ofMinutes(1), 3, node -> {})) {
            polls.once(nodes("n", 30), node -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                count(node);
                now.decrementAndGet();
            });
            IllegalStateException failed = assertThrows(
                    IllegalStateException.class,
                    () -> polls.once(nodes("m", 4), node -> {
                        count(node);
                        if (node.equals("m2")) {
                            throw new IllegalStateException("m2 cannot be read");
                        }
                    }));
            assertEquals("m2 cannot be read", failed.getMessage());
        }
        assertTrue(nodes("n", 30).stream().allMatch(node -> visits(node) == 1));
        assertTrue(nodes("m", 4).stream().allMatch(node -> visits(node) == 1), "the others still read");
        assertTrue(most.get() <= 3, "at once: " + most.get());
    }

    @Test
    void anOperatorsListingReadsTheNodesConcurrentlyBoundedAndGivesThemInOrder() throws InterruptedException {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch laterRead = new CountDownLatch(1);
        List<String> results;
        try (NodePolls polls = new NodePolls(Duration.ofMinutes(1), 4, node -> {})) {
            results = polls.each(nodes("n", 40), node -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    if (node.equals("n0")) {
                        // Ends only once a later node was read meanwhile: the reads run side by side.
                        assertTrue(laterRead.await(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
                    } else if (node.equals("n1")) {
                        laterRead.countDown();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now.decrementAndGet();
                return "read " + node;
            });
        }
        assertEquals(nodes("n", 40).stream().map(node -> "read " + node).toList(), results);
        assertTrue(most.get() <= 4 && most.get() > 1, "at once: " + most.get());
    }

    /**
     * An operator's listings read the nodes on the poll's own runners: however many listings and
     * nodes, the reads run on no more threads than the bound, the same ones from one listing to the next.
     */
    @Test
    void listingAfterListingReadsOnThePollsRunnersAndStartsNoThreadsOfItsOwn() {
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        try (NodePolls polls = new NodePolls(Duration.ofMinutes(1), 4, node -> {})) {
            for (int listing = 0; listing < 10; listing++) {
                List<String> read = polls.each(nodes("n", 50), node -> {
                    readers.add(Thread.currentThread());
                    return node;
                });
                assertEquals(nodes("n", 50), read);
            }
            assertTrue(polls.runners() <= 4, "runners: " + polls.runners());
        }
        assertTrue(readers.size() <= 4, "threads that read: " + readers.size());
    }

    /**
     * However many nodes, the runners stay within the bound: a new one starts only when none is
     * idle. How few it takes depends on how often the card's CPU is taken from them (a busy
     * machine makes every runner look busy), so the bound is what holds.
     */
    @Test
    void aThousandNodesTakeNoMoreThreadsThanTheBound() {
        AtomicInteger most = new AtomicInteger();
        AtomicReference<NodePolls> self = new AtomicReference<>();
        try (NodePolls polls = new NodePolls(Duration.ofSeconds(1), 16, node -> {
            count(node);
            most.accumulateAndGet(self.get().runners(), Math::max);
        })) {
            self.set(polls);
            polls.nodes(nodes("n", 1000));

            await().atMost(BOUND).until(() -> nodes("n", 1000).stream().allMatch(node -> visits(node) >= 2));

            assertTrue(most.get() <= 16, "runners for reads that take microseconds: " + most.get());
        }
    }
}
