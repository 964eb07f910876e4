package org.metalvirt.node;

/**
 * Capability: tell what the server is made of. Read-only, cheap, and safe to call often; a
 * backend that has to ask the hardware caches what it learnt.
 */
@FunctionalInterface
public interface Inventory {

    NodeInventory read();
}
