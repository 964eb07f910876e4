package org.metalvirt.qemu.node;

import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/**
 * Power of a QEMU node whose process the daemon owns: on = the process starts and QMP reports it
 * running, soft off = {@code system_powerdown}, hard off = {@code quit} confirmed by the exit,
 * reset = {@code system_reset}, NMI = {@code inject-nmi}. The process's exit, whoever caused it, is the OFF edge.
 */
final class QemuPowerControl implements PowerControl, AutoCloseable {

    private final QemuMachine machine;

    QemuPowerControl(QemuMachine machine) {
        this.machine = machine;
    }

    @Override
    public PowerState state() {
        return machine.state();
    }

    @Override
    public void powerOn() {
        machine.powerOn();
    }

    @Override
    public void requestShutdown() {
        machine.requestShutdown();
    }

    /** {@code system_powerdown} goes only to a running QEMU, and QEMU never powers on from it. */
    @Override
    public boolean shutdownRequestRepeatable() {
        return true;
    }

    @Override
    public void powerOff() {
        machine.powerOff();
    }

    @Override
    public void reset() {
        machine.reset();
    }

    @Override
    public void injectNmi() {
        machine.injectNmi();
    }

    @Override
    public void watch(PowerListener listener) {
        machine.watch(listener);
    }

    @Override
    public void close() {
        machine.close();
    }
}
