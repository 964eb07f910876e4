package org.metalvirt.baremetal.ipmi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.metalvirt.baremetal.ipmi.rmcp.BmcLogin;
import org.metalvirt.baremetal.ipmi.rmcp.CipherSuite;
import org.metalvirt.baremetal.ipmi.rmcp.Reply;
import org.metalvirt.baremetal.ipmi.rmcp.RmcpSessions;
import org.metalvirt.error.Failures;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.PowerState;

/**
 * IPMI over the daemon's own RMCP+ session with the BMC (shared by every node on it): no process,
 * the commands ipmitool sends for the same operations. Completion codes that say the BMC was busy
 * are asked again, as {@link Ipmitool} retries its transient failures.
 */
final class NativeIpmiClient implements IpmiClient {

    private static final int NETFN_CHASSIS = 0x00;
    private static final int GET_CHASSIS_STATUS = 0x01;
    private static final int CHASSIS_CONTROL = 0x02;
    private static final int SET_SYSTEM_BOOT_OPTIONS = 0x08;

    // Boot option parameters (IPMI v2.0 table 28-14) and the values ipmitool's "chassis bootdev" writes.
    private static final int SET_IN_PROGRESS = 0;
    private static final int BOOT_INFO_ACKNOWLEDGE = 4;
    private static final int BOOT_FLAGS = 5;
    private static final int IN_PROGRESS = 0x01;
    private static final int COMMIT_WRITE = 0x02;
    private static final int SET_COMPLETE = 0x00;
    private static final int FLAGS_VALID = 0x80;
    private static final int FLAGS_PERSISTENT = 0x40;
    private static final int FLAGS_EFI = 0x20;

    private final IpmiSettings settings;
    private final RmcpSessions.Lease lease;

    NativeIpmiClient(IpmiSettings settings) {
        this.settings = settings;
        this.lease = RmcpSessions.lease(new BmcLogin(
                settings.host(),
                settings.port(),
                settings.user(),
                CipherSuite.of(Integer.parseInt(settings.cipherSuite())),
                () -> password(settings),
                settings.commandTimeout(),
                settings.attempts()));
    }

    @Override
    public PowerState power() {
        byte[] status = call("Get Chassis Status", GET_CHASSIS_STATUS);
        if (status.length < 1) {
            throw Failures.failed("BMC " + settings.bmc() + " answered Get Chassis Status without its data");
        }
        return (status[0] & 0x01) != 0 ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public void control(Control control) {
        call("Chassis Control (" + control.ipmitool + ")", CHASSIS_CONTROL, (byte) control.code);
    }

    /** As {@code ipmitool chassis bootdev DEV options=…}: in progress, acknowledge, flags, commit, complete. */
    @Override
    public void bootDevice(BootDevice device, boolean persistent, boolean efi) {
        int selector = switch (device) {
            case NETWORK -> 0x04;
            case DISK -> 0x08;
            case CDROM -> 0x14;
        };
        int flags = FLAGS_VALID | (persistent ? FLAGS_PERSISTENT : 0) | (efi ? FLAGS_EFI : 0);
        lease.session().exclusively(() -> writeBootFlags(flags, selector));
    }

    private void writeBootFlags(int flags, int selector) {
        // The progress markers and the acknowledge are optional for a BMC: their refusal is not a failure.
        boolean progress = bootOption(SET_IN_PROGRESS, IN_PROGRESS).completionCode() == 0;
        bootOption(BOOT_INFO_ACKNOWLEDGE, 0x01, 0x01); // clear the BIOS POST acknowledge, as ipmitool does
        try {
            Reply set = bootOption(BOOT_FLAGS, flags, selector, 0, 0, 0);
            if (set.completionCode() != 0) {
                throw Failures.failed("BMC " + settings.bmc() + " refused the boot flags (Set System Boot Options): "
                        + set.completionText());
            }
            if (progress) {
                bootOption(SET_IN_PROGRESS, COMMIT_WRITE);
            }
        } finally {
            if (progress) {
                bootOption(SET_IN_PROGRESS, SET_COMPLETE);
            }
        }
    }

    private Reply bootOption(int parameter, int... data) {
        byte[] request = new byte[1 + data.length];
        request[0] = (byte) parameter;
        for (int i = 0; i < data.length; i++) {
            request[i + 1] = (byte) data[i];
        }
        return lease.session().request(NETFN_CHASSIS, SET_SYSTEM_BOOT_OPTIONS, request);
    }

    /** A chassis command whose reply must be a success; busy answers are asked again, after a pause. */
    private byte[] call(String what, int cmd, byte... data) {
        for (int attempt = 1; ; attempt++) {
            Reply reply = lease.session().request(NETFN_CHASSIS, cmd, data);
            if (reply.completionCode() == 0) {
                return reply.data();
            }
            if (attempt >= settings.attempts() || !reply.busy()) {
                throw Failures.failed(what + " on BMC " + settings.bmc() + " failed with " + reply.completionText());
            }
            try {
                Thread.sleep(settings.retryDelay().toMillis());
            } catch (InterruptedException e) {
                throw Failures.interrupted("waiting to retry BMC " + settings.bmc(), e);
            }
        }
    }

    /** The password as ipmitool takes it: the file's first line, or the variable's value. */
    static byte[] password(IpmiSettings settings) {
        if (settings.passwordFile().isPresent()) {
            byte[] file;
            try {
                file = Files.readAllBytes(settings.passwordFile().get());
            } catch (IOException e) {
                throw Failures.failed("cannot read the BMC password file "
                        + settings.passwordFile().get() + ": " + e.getClass().getSimpleName());
            }
            int end = 0;
            while (end < file.length && file[end] != '\n' && file[end] != '\r') {
                end++;
            }
            byte[] line = Arrays.copyOf(file, end);
            Arrays.fill(file, (byte) 0);
            return line;
        }
        String variable = settings.passwordEnv().orElseThrow();
        String value = System.getenv(variable);
        if (value == null) {
            throw Failures.failed("the BMC password variable " + variable + " is not set in the daemon's environment");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        lease.close();
    }
}
