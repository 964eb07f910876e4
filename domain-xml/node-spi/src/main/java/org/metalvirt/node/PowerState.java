package org.metalvirt.node;

/**
 * A server's power as the hardware confirms it (PWR_OK, the BMC's chassis status), never as
 * last requested. {@code UNKNOWN} means the state could not be read: it is reported as such,
 * never guessed as off.
 */
public enum PowerState {
    ON,
    OFF,
    UNKNOWN
}
