package org.metalvirt.shim.metrics;

import java.util.Locale;
import java.util.function.Supplier;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/**
 * The power seam, counted: every operation's duration and result by backend, and every failure
 * the hardware gave as a hardware error of its driver. What is not the hardware's fault — a call
 * the wiring cannot make, a server in the wrong state — is a result, not a hardware error.
 */
final class MeteredPower implements PowerControl {

    private final PowerControl power;
    private final String backend;
    private final String driver;
    private final Meters metrics;

    MeteredPower(PowerControl power, String backend, Meters metrics) {
        this.power = power;
        this.backend = backend;
        this.driver = driverName(power);
        this.metrics = metrics;
    }

    /** {@code GpioPowerControl} is "gpio", {@code IpmiPowerControl} "ipmi": the class says which driver it is. */
    static String driverName(PowerControl power) {
        return power.getClass().getSimpleName().replace("PowerControl", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public PowerState state() {
        return timed("read", power::state);
    }

    @Override
    public PowerState checkedState() {
        return timed("read", power::checkedState);
    }

    @Override
    public void powerOn() {
        timed("on", power::powerOn);
    }

    @Override
    public void requestShutdown() {
        timed("shutdown", power::requestShutdown);
    }

    @Override
    public boolean shutdownRequestRepeatable() {
        return power.shutdownRequestRepeatable();
    }

    @Override
    public void powerOff() {
        timed("off", power::powerOff);
    }

    @Override
    public void reset() {
        timed("reset", power::reset);
    }

    @Override
    public void injectNmi() {
        timed("nmi", power::injectNmi);
    }

    @Override
    public void watch(PowerListener listener) {
        power.watch(listener);
    }

    private void timed(String operation, Runnable action) {
        timed(operation, () -> {
            action.run();
            return null;
        });
    }

    private <T> T timed(String operation, Supplier<T> action) {
        long started = System.nanoTime();
        ErrorNumber failed = null;
        try {
            return action.get();
        } catch (VirtException e) {
            failed = e.number();
            if (failed != ErrorNumber.NO_SUPPORT && failed != ErrorNumber.OPERATION_INVALID) {
                metrics.hardwareError(driver, failed);
            }
            throw e;
        } catch (RuntimeException e) {
            failed = ErrorNumber.INTERNAL_ERROR;
            metrics.hardwareError(driver, failed);
            throw e;
        } finally {
            metrics.power(backend, driver, operation, failed, System.nanoTime() - started);
        }
    }
}
