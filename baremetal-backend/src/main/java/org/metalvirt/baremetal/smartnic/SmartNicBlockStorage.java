package org.metalvirt.baremetal.smartnic;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.metalvirt.error.Failures;
import org.metalvirt.io.AtomicFiles;
import org.metalvirt.node.BlockStorage;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * virtio-blk devices on the card's emulated functions: each disk takes the lowest free function
 * (a host-visible PCI address from the node's configuration), its provider attaches and exposes
 * it, and what was created is kept in the state directory so a restarted daemon can remove it.
 * What the provider no longer exports (a storage daemon that started empty) is not attached: the
 * daemon gives it back with {@link #restore}, on the function the server knows it at.
 */
public final class SmartNicBlockStorage implements BlockStorage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final List<String> functions;
    private final VirtioBlkProvider provider;
    private final Path file;
    private final Map<String, VirtioBlkProvider.Exposed> byId;

    public SmartNicBlockStorage(String node, List<String> functions, VirtioBlkProvider provider, Path stateDir) {
        this.node = node;
        this.functions = List.copyOf(functions);
        this.provider = provider;
        this.file = stateDir.resolve(node + ".disks.json");
        this.byId = load(file);
        if (byId.values().removeIf(exposed -> !provider.exports(exposed))) {
            save();
        }
    }

    @Override
    public synchronized String attach(VirtioBlkDisk disk) {
        if (byId.containsKey(disk.id())) {
            throw Failures.invalid("disk '" + disk.id() + "' is already attached to node " + node);
        }
        int slot = 0;
        while (slot < functions.size() && taken(slot)) {
            slot++;
        }
        if (slot == functions.size()) {
            throw Failures.failed("no free virtio-blk function on node " + node + " (" + functions.size() + " in use)");
        }
        return expose(slot, disk);
    }

    /** On the function at {@code address} when it is free: the server's OS has the disk there. */
    @Override
    public synchronized String restore(VirtioBlkDisk disk, String address) {
        int slot = functions.indexOf(address);
        if (slot < 0 || taken(slot) || byId.containsKey(disk.id())) {
            return attach(disk);
        }
        return expose(slot, disk);
    }

    private String expose(int slot, VirtioBlkDisk disk) {
        byId.put(disk.id(), provider.expose(slot, disk));
        save();
        return functions.get(slot);
    }

    @Override
    public synchronized void detach(String id) {
        VirtioBlkProvider.Exposed exposed = byId.get(id);
        if (exposed == null) {
            throw Failures.missing("no disk '" + id + "' is attached to node " + node);
        }
        provider.remove(exposed);
        byId.remove(id);
        save();
    }

    @Override
    public synchronized List<String> attached() {
        return byId.entrySet().stream()
                .sorted(Comparator.comparingInt(e -> e.getValue().slot()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Probed outside the lock: a volume server that does not answer must not hold up attaches. */
    @Override
    public Map<String, String> failures() {
        Map<String, VirtioBlkProvider.Exposed> now;
        synchronized (this) {
            now = new TreeMap<>(byId);
        }
        Map<String, String> failed = new TreeMap<>();
        now.forEach((id, exposed) -> provider.failure(exposed).ifPresent(reason -> failed.put(id, reason)));
        return failed;
    }

    private boolean taken(int slot) {
        return byId.values().stream().anyMatch(exposed -> exposed.slot() == slot);
    }

    private static Map<String, VirtioBlkProvider.Exposed> load(Path file) {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(
                    JSON.readValue(file.toFile(), new TypeReference<Map<String, VirtioBlkProvider.Exposed>>() {}));
        } catch (IOException e) {
            throw Failures.failed(
                    "cannot read the disks of node " + node(file) + " in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String node(Path file) {
        return file.getFileName().toString().replace(".disks.json", "");
    }

    private void save() {
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(byId));
        } catch (IOException e) {
            throw Failures.failed("cannot save the disks of node " + node + " in " + file + ": " + e.getMessage(), e);
        }
    }
}
