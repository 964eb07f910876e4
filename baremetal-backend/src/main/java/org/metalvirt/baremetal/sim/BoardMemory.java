package org.metalvirt.baremetal.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

    private final Path file;

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
     * Overwrites the level in place: "on \n" and "off\n", of one length, at offset 0 in one
     * write within a page, which a crash of the daemon cannot tear; the file is never truncated nor
     * replaced, so no rename asks the file system to write it out at every edge.
     */
    @Override
    public void powerChanged(PowerState state) {
        byte[] level = (state == PowerState.ON ? "on \n" : "off\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(level), 0);
        } catch (IOException e) {
            LOG.warn("cannot record the board's power in {}: {}", file, e.toString());
        }
    }
}
