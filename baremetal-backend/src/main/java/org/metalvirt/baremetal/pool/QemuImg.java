package org.metalvirt.baremetal.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.Failures;
import org.metalvirt.storage.BackingStore;

/** {@code qemu-img}, through the command seam: what an image is, and making, copying, resizing one. */
final class QemuImg {

    private static final Duration QUICK = Duration.ofSeconds(60);
    /** A copy moves a whole volume. */
    private static final Duration COPY = Duration.ofHours(2);

    private final CommandRunner runner;

    QemuImg(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * What {@code qemu-img info} says of an image: its format, virtual size and bytes in use, and
     * the image it is an overlay of (its path made absolute by qemu-img, and its format when recorded).
     */
    record Info(
            String format,
            long virtualSize,
            long actualSize,
            Optional<String> backingPath,
            Optional<String> backingFormat) {}

    Info info(List<String> target, List<String> options) {
        List<String> argv = new ArrayList<>(List.of("qemu-img", "info", "--output=json"));
        argv.addAll(options);
        argv.addAll(target);
        String out = runner.check(Command.of(QUICK, argv));
        try {
            JsonNode json = new ObjectMapper().readTree(out);
            return new Info(
                    json.path("format").asText("raw"),
                    json.path("virtual-size").asLong(),
                    json.path("actual-size").asLong(),
                    text(json, "full-backing-filename").or(() -> text(json, "backing-filename")),
                    text(json, "backing-filename-format"));
        } catch (IOException e) {
            throw Failures.failed("qemu-img info printed no JSON: " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(JsonNode json, String field) {
        return json.hasNonNull(field) ? Optional.of(json.get(field).asText()) : Optional.empty();
    }

    /**
     * A new image; an overlay of {@code backing} ({@code -b}, its format {@code -F}) is never
     * preallocated (qemu-img refuses both) and, with a capacity of 0, has its backing image's size.
     */
    void create(String path, String format, long capacity, boolean preallocate, Optional<BackingStore> backing) {
        List<String> argv = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", format));
        backing.ifPresent(b -> argv.addAll(List.of("-b", b.path(), "-F", b.format())));
        if (preallocate && backing.isEmpty()) {
            argv.addAll(List.of("-o", "preallocation=" + (format.equals("raw") ? "falloc" : "metadata")));
        }
        argv.add(path);
        if (capacity > 0 || backing.isEmpty()) {
            argv.add(Long.toString(capacity));
        }
        runner.check(Command.of(QUICK, argv));
    }

    void convert(String from, String fromFormat, String to, String toFormat) {
        runner.check(Command.of(COPY, "qemu-img", "convert", "-q", "-f", fromFormat, "-O", toFormat, from, to));
    }

    void resize(String path, String format, long capacity, boolean shrink) {
        List<String> argv = new ArrayList<>(List.of("qemu-img", "resize", "-q", "-f", format));
        if (shrink) {
            argv.add("--shrink");
        }
        argv.addAll(List.of(path, Long.toString(capacity)));
        runner.check(Command.of(QUICK, argv));
    }
}
