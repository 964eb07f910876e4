package org.metalvirt.baremetal.sriov;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.metalvirt.error.Failures;
import org.metalvirt.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which VF each domain interface holds: runtime state, kept in the runtime directory (a tmpfs) so a
 * restarted daemon finds the VFs it had programmed, and replaced atomically at every change but
 * never forced. A reboot of the card resets its NIC, VFs and their MACs with it, and empties the
 * runtime directory too: assignments kept across it would name programming that is gone and hold
 * VFs nobody uses. An earlier version kept the file in the state directory; it is taken over once.
 */
final class VfAssignments {

    private static final Logger LOG = LoggerFactory.getLogger(VfAssignments.class);

    /** What was programmed on a VF, enough to clear it again. */
    record Assignment(int vf, String pciAddress, String mac) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Assignment> byId;

    VfAssignments(Path file) {
        this(file, file);
    }

    /** Kept in {@code file}; read from {@code former}, an earlier version's place, and moved, if {@code file} is missing. */
    VfAssignments(Path file, Path former) {
        this.file = file;
        if (!Files.exists(file) && !former.equals(file) && Files.exists(former)) {
            this.byId = load(former);
            save();
            try {
                AtomicFiles.delete(former);
            } catch (IOException e) {
                LOG.warn("cannot remove {}, now kept in {}: {}", former, file, e.toString());
            }
            LOG.info("VF assignments moved from {} to {}", former, file);
        } else {
            this.byId = load(file);
        }
    }

    private static Map<String, Assignment> load(Path file) {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Assignment>>() {}));
        } catch (IOException e) {
            throw Failures.failed("cannot read the VF assignments in " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized Map<String, Assignment> all() {
        return Map.copyOf(byId);
    }

    synchronized void put(String id, Assignment assignment) {
        byId.put(id, assignment);
        save();
    }

    synchronized void remove(String id) {
        byId.remove(id);
        save();
    }

    private void save() {
        try {
            AtomicFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(byId), false);
        } catch (IOException e) {
            throw Failures.failed("cannot save the VF assignments in " + file + ": " + e.getMessage(), e);
        }
    }
}
