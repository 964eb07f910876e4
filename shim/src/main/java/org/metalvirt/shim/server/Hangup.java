package org.metalvirt.shim.server;

/**
 * SIGHUP, libvirtd's "reload" signal. The JDK has no public signal API; {@code sun.misc.Signal} in
 * the {@code jdk.unsupported} module is the one JEP 260 keeps for this, named here (not imported)
 * so that it stays the only use of it.
 */
final class Hangup {

    private Hangup() {}

    static void onSignal(Runnable action) {
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
    }
}
