package org.metalvirt.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * File work a thread may do after the reply to the call it serves has gone out, rather than
 * before: removing a runtime file that the hardware has already made stale, say, which a
 * restarted daemon would read and then correct from the hardware. A worker serves each call
 * through {@link #serving}: the work put meanwhile is held, and run once the call is done, its
 * reply handed over. Any other thread, serving no call, runs such work at once.
 *
 * <p>Whoever puts work here must make it safe to run late: by then another call may have
 * written what the work would undo.
 */
public final class BehindReply {

    /** Work that may fail with the file system's reason. */
    @FunctionalInterface
    public interface FileWork {
        void run() throws IOException;
    }

    /** A call served, which may throw what its body throws. */
    @FunctionalInterface
    public interface Call<E extends Exception> {
        void run() throws E;
    }

    /** A thread holding work with none put yet: no list until some is. */
    private static final List<FileWork> NONE_YET = List.of();

    private static final ThreadLocal<List<FileWork>> HELD = new ThreadLocal<>();

    private BehindReply() {}

    /**
     * Runs {@code call}, holding the work it puts, then that work in the order it was put, whether
     * the call returned or threw. A failure of the work goes to {@code failed} and the rest still
     * run: nobody is waiting for them.
     */
    public static <E extends Exception> void serving(Call<E> call, Consumer<IOException> failed) throws E {
        HELD.set(NONE_YET);
        try {
            call.run();
        } finally {
            List<FileWork> held = HELD.get();
            HELD.remove();
            for (FileWork work : held) {
                try {
                    work.run();
                } catch (IOException e) {
                    failed.accept(e);
                }
            }
        }
    }

    /** Runs {@code work} now, or holds it when this thread is serving a call. */
    public static void put(FileWork work) throws IOException {
        List<FileWork> held = HELD.get();
        if (held == null) {
            work.run();
        } else if (held == NONE_YET) {
            List<FileWork> first = new ArrayList<>(2);
            first.add(work);
            HELD.set(first);
        } else {
            held.add(work);
        }
    }
}
