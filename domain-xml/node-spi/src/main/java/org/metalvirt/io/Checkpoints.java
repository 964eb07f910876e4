package org.metalvirt.io;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that checkpoints every {@link DurableDirectory} of the process, off the callers'
 * path. It exists only while there is work: it ends after a few idle seconds, so an idle daemon
 * has no thread for it.
 */
final class Checkpoints {

    private static final ScheduledThreadPoolExecutor EXECUTOR = executor();

    private Checkpoints() {}

    private static ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "metalvirt-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(5, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    static void after(long millis, Runnable checkpoint) {
        EXECUTOR.schedule(checkpoint, millis, TimeUnit.MILLISECONDS);
    }
}
