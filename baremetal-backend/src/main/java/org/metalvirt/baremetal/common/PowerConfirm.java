package org.metalvirt.baremetal.common;

import java.time.Duration;
import java.util.function.Supplier;
import org.metalvirt.error.Failures;
import org.metalvirt.node.PowerState;

/**
 * Waits for a BMC to report a power state. A BMC is asked, never pushed to, so the reads are
 * paced; the wait is bounded, and a timeout is libvirt's OPERATION_TIMEOUT naming who was slow.
 */
public final class PowerConfirm {

    private PowerConfirm() {}

    /**
     * @param read    one read of the confirmed state, which may fail
     * @param subject who is expected to report, for the error: "BMC 10.0.0.5", "Redfish"
     */
    public static void await(
            Supplier<PowerState> read, PowerState goal, Duration timeout, Duration poll, String subject, String node) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read.get() != goal) {
            if (System.nanoTime() - deadline > 0) {
                throw Failures.timeout(subject + " did not report node " + node + " "
                        + goal.name().toLowerCase() + " within " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                throw Failures.interrupted("waiting for " + subject + " of node " + node, e);
            }
        }
    }
}
