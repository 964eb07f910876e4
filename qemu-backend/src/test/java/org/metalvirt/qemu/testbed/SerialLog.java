package org.metalvirt.qemu.testbed;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads what a node printed on its serial console from QEMU's chardev log file, which records
 * it across power cycles and whether or not a console client is connected. Waits are bounded and
 * re-read the file every 50 ms (a file gives no notification of growth); each ends as soon as the
 * line is there.
 */
public final class SerialLog {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Path file;
    private long mark;

    public SerialLog(Path file) {
        this.file = file;
    }

    /** From now on, waits only see what is printed after this point. */
    public SerialLog mark() {
        mark = size();
        return this;
    }

    /** The first {@code TB} line after the mark matching {@code match}. */
    public String awaitLine(Predicate<String> match, Duration timeout, String what) {
        return await(timeout, what, lines -> lines.stream().filter(match).findFirst());
    }

    /**
     * The first complete line after the mark of anything on the console (the kernel's too) matching
     * {@code match}: a line still being printed is read again once it ends.
     */
    public String awaitConsoleLine(Predicate<String> match, Duration timeout, String what) {
        return await(
                timeout,
                what,
                lines -> Arrays.stream(completeLines().split("\r?\n"))
                        .filter(match)
                        .findFirst());
    }

    /** {@code TB READY …} after the mark: the guest booted and its agent runs. */
    public String awaitReady(Duration timeout) {
        return awaitLine(line -> line.startsWith("TB READY"), timeout, "the guest to report ready");
    }

    /** The latest complete state report after the mark, once it satisfies {@code match}. */
    public GuestState awaitState(Predicate<GuestState> match, Duration timeout, String what) {
        return await(timeout, what, lines -> latestState(lines).filter(match));
    }

    /** Every {@code TB} line after the mark. */
    public List<String> lines() {
        List<String> tb = new ArrayList<>();
        String text = completeLines();
        // A reset cuts a report mid-line; the next boot's first report then follows on the same line.
        for (String line : text.split("\r?\n")) {
            for (String report : line.split("(?<=\\S)\\s*(?=TB [A-Z]{2,}\\b)")) {
                // A stray carriage return may lead a line (after GRUB's and OVMF's console output).
                String stripped = report.strip();
                if (stripped.startsWith("TB ")) {
                    tb.add(stripped);
                }
            }
        }
        return tb;
    }

    private <T> T await(Duration timeout, String what, Function<List<String>, Optional<T>> check) {
        try {
            return Awaitility.await(what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL)
                    .until(() -> check.apply(lines()), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            List<String> seen = lines();
            // The console's last lines too (the kernel's): a boot still under way and a guest that
            // printed nothing at all fail differently.
            List<String> console = Arrays.asList(read().split("\r?\n"));
            throw new AssertionError(
                    "timed out after " + timeout.toSeconds() + " s waiting for " + what + "; the guest printed: "
                            + seen.subList(Math.max(0, seen.size() - 30), seen.size()) + "; its console's last lines: "
                            + console.subList(Math.max(0, console.size() - 15), console.size()),
                    e);
        }
    }

    /** What was printed after the mark up to its last newline: a line still being printed is left for later. */
    private String completeLines() {
        String text = read();
        return text.substring(0, text.lastIndexOf('\n') + 1);
    }

    private static Optional<GuestState> latestState(List<String> lines) {
        GuestState latest = null;
        List<String> block = null;
        int seq = 0;
        for (String line : lines) {
            if (line.startsWith("TB STATE ")) {
                block = new ArrayList<>();
                seq = Integer.parseInt(line.substring(line.indexOf("seq=") + 4).strip());
            } else if (line.startsWith("TB END ") && block != null) {
                latest = GuestState.parse(seq, block);
                block = null;
            } else if (line.startsWith("TB READY")) {
                latest = null; // a new boot: earlier reports describe a server that is gone
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        return Optional.ofNullable(latest);
    }

    private long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String read() {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= mark) {
                return "";
            }
            byte[] bytes = new byte[(int) (length - mark)];
            in.seek(mark);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
