package org.metalvirt.node;

import java.util.ServiceLoader;

/**
 * A kind of node the daemon can drive, found by name through {@link ServiceLoader}: each
 * backend module lists its implementations in
 * {@code META-INF/services/org.metalvirt.node.NodeBackend}.
 */
public interface NodeBackend {

    /** The name the configuration uses: {@code sim}, {@code ipmi}, {@code qemu}… */
    String name();

    /**
     * Builds the driver of one node. Throws {@code IllegalArgumentException} with a message
     * naming the bad option when the spec cannot be used.
     */
    NodeDriver create(NodeSpec spec);

    /** The backend called {@code name}, or an {@code IllegalArgumentException} listing the known ones. */
    static NodeBackend named(String name) {
        java.util.SortedSet<String> known = new java.util.TreeSet<>();
        for (NodeBackend backend : ServiceLoader.load(NodeBackend.class)) {
            if (backend.name().equals(name)) {
                return backend;
            }
            known.add(backend.name());
        }
        throw new IllegalArgumentException("unknown backend '" + name + "' (known: " + String.join(", ", known) + ")");
    }
}
