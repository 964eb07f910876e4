package org.metalvirt.shim.domain;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/**
 * A simulated server's power with a transport's traits set by the test: whether a shutdown
 * request may be repeated, whether changes are reported as edges or only found by reading, and a
 * power-on that completes when the test says so. Counts the shutdown requests that went out.
 */
final class ScriptedPower implements PowerControl {

    private final PowerControl server;
    private final boolean repeatable;
    private final boolean edges;
    private final AtomicInteger shutdownRequests = new AtomicInteger();
    private volatile CompletableFuture<Void> powerGood = CompletableFuture.completedFuture(null);

    ScriptedPower(PowerControl server, boolean repeatable, boolean edges) {
        this.server = server;
        this.repeatable = repeatable;
        this.edges = edges;
    }

    int shutdownRequests() {
        return shutdownRequests.get();
    }

    /** The next power-on waits for {@code gate} after pressing, and fails if it fails. */
    void holdPowerGood(CompletableFuture<Void> gate) {
        powerGood = gate;
    }

    @Override
    public PowerState state() {
        return server.state();
    }

    @Override
    public void powerOn() {
        try {
            powerGood.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
        server.powerOn();
    }

    @Override
    public void requestShutdown() {
        shutdownRequests.incrementAndGet();
        server.requestShutdown();
    }

    @Override
    public boolean shutdownRequestRepeatable() {
        return repeatable;
    }

    @Override
    public void powerOff() {
        server.powerOff();
    }

    @Override
    public void reset() {
        server.reset();
    }

    @Override
    public void watch(PowerListener listener) {
        if (edges) {
            server.watch(listener);
        }
    }
}
