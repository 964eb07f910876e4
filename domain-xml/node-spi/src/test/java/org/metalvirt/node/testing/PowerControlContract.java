package org.metalvirt.node.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerState;

/**
 * What the domain service relies on from every {@link PowerControl}, run against each
 * implementation by a subclass that supplies a server: off, with an OS that shuts down when asked.
 * Edges are awaited while the power is read as the daemon's poll reads it: pushed or found in a
 * read, each change is told once.
 */
public abstract class PowerControlContract {

    /** Only stops a broken implementation hanging the build. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** How long an off server is watched for turning on by itself; a miss only hides a bug. */
    private static final Duration STAYS_OFF = Duration.ofMillis(500);

    protected PowerControl power;
    protected final EdgeRecorder edges = new EdgeRecorder();

    /** A power control for a server that is off now. */
    protected abstract PowerControl create() throws Exception;

    /** Ends what {@link #create} started. */
    protected abstract void destroy() throws Exception;

    /**
     * Makes the server's power unreadable (a BMC answering errors, PWR_OK gone); false where the
     * subclass has no cheap way to, which skips the test.
     */
    protected boolean breakPowerReading() {
        return false;
    }

    @BeforeEach
    final void createServer() throws Exception {
        power = create();
        power.watch(edges);
    }

    @AfterEach
    final void destroyServer() throws Exception {
        destroy();
    }

    @Test
    void powerOnReturnsOnceTheServerIsOnAndIsIdempotent() {
        assertEquals(PowerState.OFF, power.state());

        power.powerOn();
        assertEquals(PowerState.ON, power.state());
        power.powerOn();
        assertEquals(PowerState.ON, power.state());
        assertEquals(PowerState.ON, power.checkedState(), "a read that works is the same read, checked or not");
    }

    @Test
    void powerOffReturnsOnceTheServerIsOffAndIsIdempotent() {
        power.powerOff();
        assertEquals(PowerState.OFF, power.state());
        power.powerOn();

        power.powerOff();
        assertEquals(PowerState.OFF, power.state());
        power.powerOff();
        assertEquals(PowerState.OFF, power.state());
    }

    @Test
    void listenersAreToldOfEachConfirmedChange() throws InterruptedException {
        power.powerOn();
        assertEquals(PowerState.ON, edges.next(BOUND, power::state));
        power.powerOff();
        assertEquals(PowerState.OFF, edges.next(BOUND, power::state));
    }

    @Test
    void aShutdownRequestEndsWithTheServerOff() throws InterruptedException {
        power.powerOn();
        assertEquals(PowerState.ON, edges.next(BOUND, power::state));

        power.requestShutdown();

        assertEquals(PowerState.OFF, edges.next(BOUND, power::state));
        assertEquals(PowerState.OFF, power.state());
    }

    @Test
    void aShutdownRequestNeverTurnsAnOffServerOn() {
        power.requestShutdown();

        await().during(STAYS_OFF).atMost(BOUND).until(power::state, PowerState.OFF::equals);
        assertFalse(edges.seen().contains(PowerState.ON), edges.seen().toString());
    }

    @Test
    void aRepeatableShutdownRequestMaySafelyBeSentAgainUntilTheServerIsOff() throws InterruptedException {
        assumeTrue(power.shutdownRequestRepeatable(), "this driver sends one request per shutdown");
        power.powerOn();
        assertEquals(PowerState.ON, edges.next(BOUND, power::state));

        power.requestShutdown();
        power.requestShutdown();
        assertEquals(PowerState.OFF, edges.next(BOUND, power::state));
        power.requestShutdown();

        await().during(STAYS_OFF).atMost(BOUND).until(power::state, PowerState.OFF::equals);
        assertEquals(List.of(PowerState.ON, PowerState.OFF), edges.seen());
    }

    @Test
    void resetKeepsARunningServerOn() {
        power.powerOn();

        power.reset();

        assertEquals(PowerState.ON, power.state());
    }

    @Test
    void resetOfAnOffServerIsRefusedAsInvalid() {
        VirtException refused = assertThrows(VirtException.class, power::reset);

        assertEquals(ErrorNumber.OPERATION_INVALID, refused.number());
        assertEquals(PowerState.OFF, power.state());
    }

    @Test
    void anNmiReachesARunningServerWhichStaysOnOrIsNotSupported() {
        power.powerOn();

        try {
            power.injectNmi();
        } catch (VirtException e) {
            assertEquals(ErrorNumber.NO_SUPPORT, e.number(), e.getMessage());
        }

        assertEquals(PowerState.ON, power.state());
    }

    @Test
    void anNmiToAnOffServerIsRefusedAndLeavesItOff() {
        VirtException refused = assertThrows(VirtException.class, power::injectNmi);

        assertTrue(
                refused.number() == ErrorNumber.OPERATION_INVALID || refused.number() == ErrorNumber.NO_SUPPORT,
                refused.toString());
        assertEquals(PowerState.OFF, power.state());
    }

    @Test
    void anUnreadableServerIsUnknownAndItsOperationsFail() {
        assumeTrue(breakPowerReading(), "no cheap way to break this driver's hardware");

        assertEquals(PowerState.UNKNOWN, power.state());
        assertEquals(
                ErrorNumber.OPERATION_FAILED,
                assertThrows(VirtException.class, power::powerOn).number());
        assertEquals(
                ErrorNumber.OPERATION_FAILED,
                assertThrows(VirtException.class, power::powerOff).number());
    }
}
