package org.metalvirt.shim.admin;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirtd's {@code --timeout} ({@code virt-admin daemon-timeout}): the daemon stops once it has
 * been idle for that many seconds — no client on its sockets and, as libvirtd is kept alive by
 * running guests, no active domain. 0 turns it off, the default. Checked every second.
 */
public final class IdleShutdown implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdleShutdown.class);

    private final BooleanSupplier idle;
    private final Runnable stop;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metalvirt-idle-timeout");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> check;
    private long idleSince;

    /**
     * @param idle whether nothing keeps the daemon busy now
     * @param stop what stops the daemon
     */
    public IdleShutdown(BooleanSupplier idle, Runnable stop) {
        this.idle = idle;
        this.stop = stop;
    }

    public synchronized void set(int seconds) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        if (seconds == 0) {
            LOG.info("idle timeout off");
            return;
        }
        LOG.info("stopping after {} s idle", Integer.toUnsignedString(seconds));
        idleSince = System.nanoTime();
        long limit = TimeUnit.SECONDS.toNanos(Integer.toUnsignedLong(seconds));
        check = timer.scheduleWithFixedDelay(() -> tick(limit), 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void tick(long limit) {
        long now = System.nanoTime();
        if (!idle.getAsBoolean()) {
            idleSince = now;
        } else if (now - idleSince >= limit) {
            LOG.info("idle for the configured timeout: stopping");
            check.cancel(false);
            stop.run();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
