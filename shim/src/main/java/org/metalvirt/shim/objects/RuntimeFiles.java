package org.metalvirt.shim.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.metalvirt.io.AtomicFiles;
import org.metalvirt.io.BehindReply;

/**
 * Objects' runtime state, one {@code UUID.json} each in a directory under the runtime directory,
 * as libvirt keeps the status of running domains and active networks under {@code /run}: replaced
 * atomically when it changes and never forced (a tmpfs, gone with the card's boot). What was last
 * written or read is remembered, so that an unchanged state costs no write at all. A change that
 * a restarted daemon would read back from the hardware is written behind the reply to the call
 * that made it ({@link BehindReply}); any other before the reply.
 *
 * @param <T> the state's record, written with {@link StoredJson#FILES}
 */
public final class RuntimeFiles<T> {

    private final Path dir;
    private final Class<T> type;
    private final BiPredicate<T, T> readBack;
    /** What each file holds, or is about to hold once the work behind a reply has run. */
    private final Map<UUID, T> written = new ConcurrentHashMap<>();

    public RuntimeFiles(Path dir, Class<T> type) {
        this(dir, type, (before, after) -> false);
    }

    /**
     * Files whose changes {@code readBack} accepts are written behind the reply: those a restarted
     * daemon reads back from the hardware when the file still holds the state before. It is asked
     * with the state before and the one after, null for the file's removal.
     */
    public RuntimeFiles(Path dir, Class<T> type, BiPredicate<T, T> readBack) {
        this.dir = dir;
        this.type = type;
        this.readBack = readBack;
    }

    public Path dir() {
        return dir;
    }

    /** The state {@code uuid}'s file holds, or null without one. */
    public T read(UUID uuid) throws IOException {
        Path file = file(uuid);
        if (!Files.exists(file)) {
            return null;
        }
        T state = StoredJson.FILES.beanFrom(type, file.toFile());
        written.put(uuid, state);
        return state;
    }

    /** Makes {@code state} what the file holds, or removes the file when null; nothing if it is so. */
    public void save(UUID uuid, T state) throws IOException {
        T before = written.get(uuid);
        if (Objects.equals(state, before)) {
            return;
        }
        if (state == null) {
            delete(uuid);
        } else if (before != null && readBack.test(before, state)) {
            written.put(uuid, state);
            BehindReply.put(() -> underKey(uuid, now -> {
                if (now == state) { // else a later change has written, or will write, its own
                    write(uuid, state);
                }
                return now;
            }));
        } else {
            underKey(uuid, now -> {
                write(uuid, state);
                return state;
            });
        }
    }

    private void write(UUID uuid, T state) throws IOException {
        byte[] json = state instanceof OwnJson own ? own.json() : StoredJson.FILES.asBytes(state);
        AtomicFiles.replace(file(uuid), json, false);
    }

    /**
     * A state that writes its own JSON, byte for byte what {@link StoredJson#FILES} writes of it:
     * jackson-jr's bean writer reads a record by reflection, a fresh daemon's costliest code in a
     * start that runs it interpreted (testbeds/bench/README.md, "Start and destroy in a fresh daemon").
     */
    public interface OwnJson {
        byte[] json() throws IOException;
    }

    /**
     * Removes {@code uuid}'s file, if it was written or read here (else there is none to remove);
     * behind the reply when the hardware says so too, and then a state saved for {@code uuid}
     * before the removal runs is kept.
     */
    public void delete(UUID uuid) throws IOException {
        T before = written.remove(uuid);
        if (before == null) {
            return;
        }
        BehindReply.FileWork removal = () -> underKey(uuid, now -> {
            if (now == null) {
                AtomicFiles.remove(file(uuid));
            }
            return now;
        });
        if (readBack.test(before, null)) {
            BehindReply.put(removal);
        } else {
            removal.run();
        }
    }

    /** A change of the file, in turn with any other of {@code uuid}'s; returns what it then holds. */
    private interface Change<T> {
        T apply(T before) throws IOException;
    }

    private void underKey(UUID uuid, Change<T> change) throws IOException {
        try {
            written.compute(uuid, (key, before) -> {
                try {
                    return change.apply(before);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Path file(UUID uuid) {
        return dir.resolve(uuid + ".json");
    }
}
