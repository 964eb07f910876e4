package org.metalvirt.baremetal.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.storage.NewVolume;
import org.metalvirt.storage.PoolDriver;
import org.metalvirt.storage.PoolFacts;
import org.metalvirt.storage.PoolSource;
import org.metalvirt.storage.SecretValues;
import org.metalvirt.storage.VolumeFacts;

/**
 * An {@code rbd} pool: the images of a Ceph pool, through Debian ceph-common's {@code rbd} and
 * {@code ceph} programs. Space is the cluster's ({@code ceph df}), as libvirt reports it.
 */
final class RbdPool implements PoolDriver {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MIB = 1024 * 1024;

    private final CommandRunner runner;
    private final SecretValues secrets;

    RbdPool(CommandRunner runner, SecretValues secrets) {
        this.runner = runner;
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return "rbd";
    }

    @Override
    public List<String> volumeFormats() {
        return List.of("raw");
    }

    @Override
    public void start(PoolSource pool) {
        CommandResult result = rbd(pool, "ls", cephPool(pool));
        if (!result.succeeded()) {
            throw new VirtException(
                    ErrorNumber.OPERATION_FAILED,
                    ErrorDomain.STORAGE,
                    "operation failed: failed to connect to the RADOS monitor on: " + String.join(",", pool.hosts())
                            + ": " + reason(result));
        }
    }

    @Override
    public PoolFacts refresh(PoolSource pool) {
        JsonNode df = read(check(pool, "ceph", "df", "--format", "json"));
        long total = df.path("stats").path("total_bytes").asLong();
        long avail = df.path("stats").path("total_avail_bytes").asLong();
        long used = 0;
        for (JsonNode entry : df.path("pools")) {
            if (entry.path("name").asText().equals(cephPool(pool))) {
                used = entry.path("stats")
                        .path("stored")
                        .asLong(entry.path("stats").path("bytes_used").asLong());
            }
        }
        List<VolumeFacts> volumes = new ArrayList<>();
        for (JsonNode image : read(check(pool, "rbd", "ls", "-l", "--format", "json", cephPool(pool)))) {
            if (!image.has("snapshot")) {
                volumes.add(facts(
                        pool, image.path("image").asText(), image.path("size").asLong()));
            }
        }
        return new PoolFacts(total, used, avail, volumes);
    }

    @Override
    public VolumeFacts volume(PoolSource pool, String name) {
        CommandResult result = rbd(pool, "info", "--format", "json", image(pool, name));
        if (!result.succeeded()) {
            if (result.stderr().contains("No such file or directory")) {
                throw PoolDriver.noVolume("no storage vol with matching name '" + name + "'");
            }
            throw failed(result);
        }
        return facts(pool, name, read(result.stdout()).path("size").asLong());
    }

    @Override
    public VolumeFacts createVolume(PoolSource pool, NewVolume volume) {
        if (!volume.format().equals("raw")) {
            throw PoolDriver.unsupported("format '" + volume.format() + "' (RBD images are raw)");
        }
        check(pool, "rbd", "create", "--size", mib(volume.capacity()), image(pool, volume.name()));
        return volume(pool, volume.name());
    }

    @Override
    public VolumeFacts copyVolume(PoolSource pool, NewVolume volume, VolumeFacts from) {
        check(pool, "rbd", "cp", from.path(), image(pool, volume.name()));
        return volume(pool, volume.name());
    }

    @Override
    public void deleteVolume(PoolSource pool, String name) {
        check(pool, "rbd", "rm", "--no-progress", image(pool, name));
    }

    @Override
    public void resizeVolume(PoolSource pool, String name, long capacity) {
        check(pool, "rbd", "resize", "--no-progress", "--allow-shrink", "--size", mib(capacity), image(pool, name));
    }

    private VolumeFacts facts(PoolSource pool, String name, long size) {
        String path = image(pool, name);
        // Without fast-diff a size is all libvirt knows of an image's allocation too.
        return new VolumeFacts(name, path, path, "network", "raw", size, size);
    }

    private static String cephPool(PoolSource pool) {
        return pool.name().orElseThrow(() -> new IllegalStateException("an rbd pool names its Ceph pool"));
    }

    private static String image(PoolSource pool, String name) {
        return cephPool(pool) + "/" + name;
    }

    /** rbd sizes in MiB; a byte count is rounded up, as no image is smaller than asked. */
    private static String mib(long bytes) {
        return Long.toString((bytes + MIB - 1) / MIB);
    }

    private CommandResult rbd(PoolSource pool, String... rest) {
        try (CephArgs args = new CephArgs(pool, secrets)) {
            return runner.run(new Command(args.command("rbd", rest), java.util.Map.of(), TIMEOUT));
        }
    }

    private String check(PoolSource pool, String program, String... rest) {
        try (CephArgs args = new CephArgs(pool, secrets)) {
            CommandResult result = runner.run(new Command(args.command(program, rest), java.util.Map.of(), TIMEOUT));
            if (!result.succeeded()) {
                throw failed(result);
            }
            return result.stdout();
        }
    }

    private JsonNode read(String out) {
        try {
            return Json.MAPPER.readTree(out);
        } catch (IOException e) {
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR, ErrorDomain.STORAGE, "internal error: unreadable Ceph answer: " + e);
        }
    }

    /** Built when Ceph's first answer is read, not at every start (the daemon makes an rbd driver whether or not it has rbd pools). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static VirtException failed(CommandResult result) {
        return new VirtException(
                ErrorNumber.OPERATION_FAILED, ErrorDomain.STORAGE, "operation failed: " + reason(result));
    }

    private static String reason(CommandResult result) {
        return result.timedOut()
                ? "no answer within " + TIMEOUT.toSeconds() + " s"
                : result.stderr().strip();
    }
}
