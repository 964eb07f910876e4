package org.metalvirt.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * File work a thread may do after the reply to the call it serves has gone out, rather than
 * before: removing a runtime file that the hardware has already made stale, say, which a
 * restarted daemon would read and then correct from the hardware. A worker holds such work for
 * the length of a call ({@link #hold}) and runs it once it has handed over the reply
 * ({@link #runHeld}); any other thread, holding nothing, runs it at once.
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

    /** A thread holding work with none put yet: no list until some is. */
    private static final List<FileWork> NONE_YET = List.of();

    private static final ThreadLocal<List<FileWork>> HELD = new ThreadLocal<>();

    private BehindReply() {}

    /** From now until {@link #runHeld}, work this thread puts is held, not run. */
    public static void hold() {
        HELD.set(NONE_YET);
    }

    /** Runs {@code work} now, or holds it when this thread is holding work. */
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

    /**
     * Runs the work held since {@link #hold}, in the order it was put, and stops holding. A
     * failure goes to {@code failed} and the rest still run: nobody is waiting for them.
     */
    public static void runHeld(Consumer<IOException> failed) {
        List<FileWork> held = HELD.get();
        HELD.remove();
        if (held == null) {
            return;
        }
        for (FileWork work : held) {
            try {
                work.run();
            } catch (IOException e) {
                failed.accept(e);
            }
        }
    }
}
