package org.metalvirt.baremetal.qmp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.metalvirt.error.Failures;

/**
 * An event awaited: registered before the command that causes it is sent, so an event that
 * arrives before {@link #await} is called is not missed.
 */
public final class EventWait implements AutoCloseable {

    private final QmpClient client;
    private final Predicate<QmpEvent> match;
    private final CompletableFuture<QmpEvent> result = new CompletableFuture<>();

    EventWait(QmpClient client, Predicate<QmpEvent> match) {
        this.client = client;
        this.match = match;
    }

    /** Called on the reader thread for every event; true once this wait is done. */
    boolean offer(QmpEvent event) {
        if (match.test(event)) {
            result.complete(event);
            return true;
        }
        return false;
    }

    void abandon(Throwable cause) {
        result.completeExceptionally(cause);
    }

    /** The matching event, or OPERATION_TIMEOUT after {@code timeout}, OPERATION_FAILED if QMP closes. */
    public QmpEvent await(Duration timeout, String what) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw Failures.timeout(what + ": no QMP event within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw Failures.failed(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw Failures.interrupted(what, e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        client.forget(this);
    }
}
