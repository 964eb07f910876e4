package org.metalvirt.baremetal.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.metalvirt.baremetal.board.HoldTimer;

/**
 * A board's clock that only the test moves: a button held however long on the wall clock is held
 * for no time at all until {@link #advance} says otherwise.
 */
public final class ManualTimer implements HoldTimer {

    private record Pending(Duration due, FutureTask<?> task) {}

    private final List<Pending> pending = new ArrayList<>();
    private Duration now = Duration.ZERO;

    @Override
    public synchronized Future<?> schedule(Runnable task, Duration delay) {
        FutureTask<?> future = new FutureTask<>(task, null);
        pending.add(new Pending(now.plus(delay), future));
        return future;
    }

    /** Moves the clock on by {@code time} and runs, in this thread, what fell due. */
    public void advance(Duration time) {
        List<FutureTask<?>> due = new ArrayList<>();
        synchronized (this) {
            now = now.plus(time);
            pending.removeIf(p -> p.task().isDone());
            pending.stream().filter(p -> p.due().compareTo(now) <= 0).forEach(p -> due.add(p.task()));
            pending.removeIf(p -> due.contains(p.task()));
        }
        due.forEach(FutureTask::run);
    }

    /** Timers set and neither cancelled nor run: a button held now. */
    public synchronized long waiting() {
        return pending.stream().filter(p -> !p.task().isDone()).count();
    }

    @Override
    public void close() {}
}
