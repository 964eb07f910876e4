package org.metalvirt.node;

/**
 * Told of every confirmed power change, whoever caused it: the daemon, the button on the front
 * panel, the OS shutting itself down, a BMC command from elsewhere. Called from the backend's
 * own thread; implementations return quickly.
 */
@FunctionalInterface
public interface PowerListener {

    void powerChanged(PowerState state);
}
