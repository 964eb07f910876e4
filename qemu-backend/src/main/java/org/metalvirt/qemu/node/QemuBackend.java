package org.metalvirt.qemu.node;

import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeSpec;

/**
 * The {@code qemu} backend: each node is a QEMU VM standing in for a bare-metal server (see
 * {@link QemuNode} and the module README for the options).
 */
public final class QemuBackend implements NodeBackend {

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public NodeDriver create(NodeSpec spec) {
        return QemuNode.create(spec).driver();
    }
}
