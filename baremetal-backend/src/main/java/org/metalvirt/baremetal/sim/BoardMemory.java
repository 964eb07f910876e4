package org.metalvirt.baremetal.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real server stays on when the daemon managing it dies; a simulated one does too: its PWR_OK
 * level is kept in a file beside the daemon's state, written at every edge and read back when
 * the daemon starts again.
 */
public final class BoardMemory implements PowerListener {

    private static final Logger LOG = LoggerFactory.getLogger(BoardMemory.class);
    private static final int ON = level("on \n");
    private static final int OFF = level("off\n");

    private final Path file;
    private MappedByteBuffer level;

    public BoardMemory(Path dir, String node) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        this.file = dir.resolve(node + ".sim-power");
    }

    /** Whether the board was on when last seen. */
    public boolean wasOn() {
        try {
            return Files.exists(file)
                    && Files.readString(file, StandardCharsets.US_ASCII).strip().equals("on");
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}; the board starts off", file, e.toString());
            return false;
        }
    }

    /**
     * Stores the level, "on \n" or "off\n", in the file's first four bytes, mapped at the first
     * edge: one aligned store, which a crash of the daemon cannot tear and the kernel keeps, as it
     * keeps a write. No system call per edge, as a GPIO line's is one ioctl (the file's open, write
     * and close were most of a simulated destroy); the mapping holds no descriptor, and one page
     * of the page cache per node that has changed power.
     */
    @Override
    public synchronized void powerChanged(PowerState state) {
        try {
            if (level == null) {
                try (FileChannel channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    level = channel.map(FileChannel.MapMode.READ_WRITE, 0, Integer.BYTES);
                }
            }
            level.putInt(0, state == PowerState.ON ? ON : OFF);
        } catch (IOException e) {
            LOG.warn("cannot record the board's power in {}: {}", file, e.toString());
        }
    }

    private static int level(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)).getInt();
    }
}
