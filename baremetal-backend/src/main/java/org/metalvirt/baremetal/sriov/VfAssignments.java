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

/**
 * Which VF each domain interface holds, kept in the node's state directory so a restarted daemon
 * finds the VFs it had programmed. Written atomically at every change.
 */
final class VfAssignments {

    /** What was programmed on a VF, enough to clear it again. */
    record Assignment(int vf, String pciAddress, String mac) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Assignment> byId;

    VfAssignments(Path file) {
        this.file = file;
        this.byId = load(file);
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
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(byId));
        } catch (IOException e) {
            throw Failures.failed("cannot save the VF assignments in " + file + ": " + e.getMessage(), e);
        }
    }
}
