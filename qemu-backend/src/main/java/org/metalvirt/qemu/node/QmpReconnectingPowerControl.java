package org.metalvirt.qemu.node;

import java.util.concurrent.CompletableFuture;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/**
 * Power through a BMC (the {@code baremetal} backend's IPMI driver) for a QEMU node the BMC
 * starts and stops itself, as {@code ipmi_sim}'s start command does. Power is entirely the
 * BMC's; this only reconnects QMP after each power-on, so that devices recorded while the server
 * was off are plugged into the new QEMU.
 */
final class QmpReconnectingPowerControl implements PowerControl, AutoCloseable {

    private final PowerControl bmc;
    private final QemuMachine machine;
    private final java.time.Duration bootTimeout;

    QmpReconnectingPowerControl(PowerControl bmc, QemuMachine machine, java.time.Duration bootTimeout) {
        this.bmc = bmc;
        this.machine = machine;
        this.bootTimeout = bootTimeout;
        // A power-on made elsewhere (ipmitool, the front panel) gets its devices too.
        bmc.watch(state -> {
            if (state == PowerState.ON) {
                CompletableFuture.runAsync(() -> machine.connectExternal(bootTimeout));
            }
        });
    }

    @Override
    public PowerState state() {
        return bmc.state();
    }

    @Override
    public PowerState checkedState() {
        return bmc.checkedState();
    }

    @Override
    public void powerOn() {
        bmc.powerOn();
        machine.connectExternal(bootTimeout);
    }

    @Override
    public void requestShutdown() {
        bmc.requestShutdown();
    }

    @Override
    public boolean shutdownRequestRepeatable() {
        return bmc.shutdownRequestRepeatable();
    }

    @Override
    public void powerOff() {
        bmc.powerOff();
    }

    @Override
    public void reset() {
        bmc.reset();
    }

    /** The BMC's own diagnostic interrupt, or its "not supported": QMP is not the BMC's way in. */
    @Override
    public void injectNmi() {
        bmc.injectNmi();
    }

    @Override
    public void watch(PowerListener listener) {
        bmc.watch(listener);
    }

    @Override
    public void close() throws Exception {
        if (bmc instanceof AutoCloseable closeable) {
            closeable.close();
        }
        machine.close();
    }
}
