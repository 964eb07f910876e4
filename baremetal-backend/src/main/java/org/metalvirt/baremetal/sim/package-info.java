/**
 * The {@code sim} backend: a simulated bare-metal server that behaves like a real one — an ATX
 * board whose power button, reset line and PWR_OK take configurable time, an OS that shuts down
 * on ACPI or hangs, virtio-blk and VF slots — so the daemon runs without hardware and every test
 * has a deterministic node. {@link org.metalvirt.baremetal.sim.SimBackend} builds it from a node's
 * configuration; {@link org.metalvirt.baremetal.sim.SimulatedServer} is the board, whose buttons
 * tests and demos press out of band.
 */
package org.metalvirt.baremetal.sim;
