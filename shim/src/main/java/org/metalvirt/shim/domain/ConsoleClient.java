package org.metalvirt.shim.domain;

/**
 * A client holding a domain's console, as the domain service tells it that it lost it. Both are
 * called before the transport is closed, so a read that fails on the closed transport is known to
 * be expected. They must return at once.
 */
public interface ConsoleClient {

    /** Another client took the console with {@code VIR_DOMAIN_CONSOLE_FORCE}. */
    void takenOver();

    /** The server is off: the domain stopped, and its serial line with it. */
    void serverOff();
}
