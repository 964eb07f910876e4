package org.metalvirt.shim.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.protocol.Priority;
import org.metalvirt.shim.testing.Await;

/** The daemon's pools as libvirt's thread pool behaves: grow to the maximum before queueing; resized at run time. */
class WorkerPoolTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final Workers workers = Workers.admin(1, 3, 1);

    @AfterEach
    void stop() {
        release.countDown();
        workers.close();
    }

    private void block() {
        workers.executorFor(Priority.LOW).execute(() -> Await.released(release));
    }

    @Test
    void busyThreadsMakeThePoolGrowToItsMaximumThenCallsQueue() {
        for (int i = 0; i < 4; i++) {
            block();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.parameters().nWorkers() == 3);
        Workers.Parameters busy = workers.parameters();
        assertEquals(0, busy.freeWorkers());
        assertEquals(1, busy.jobQueueDepth());

        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> workers.parameters().jobQueueDepth() == 0);
    }

    @Test
    void boundsChangeAsLibvirtChangesThemAndAreChecked() {
        workers.set(2, 8, 3);
        Workers.Parameters changed = workers.parameters();
        assertEquals(2, changed.minWorkers());
        assertEquals(8, changed.maxWorkers());
        assertEquals(3, changed.prioWorkers());
        workers.set(-1, 4, -1);
        assertEquals(2, workers.parameters().minWorkers());

        VirtException tooMany = assertThrows(VirtException.class, () -> workers.set(5, -1, -1));
        assertEquals("invalid argument: minWorkers cannot be larger than maxWorkers", tooMany.getMessage());
        assertThrows(VirtException.class, () -> workers.set(-1, -1, 0));
    }
}
