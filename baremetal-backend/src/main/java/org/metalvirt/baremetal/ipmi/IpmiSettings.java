package org.metalvirt.baremetal.ipmi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one BMC with {@code ipmitool -I lanplus}.
 *
 * @param tool           the ipmitool program
 * @param host           the BMC's address
 * @param port           its RMCP+ UDP port (623)
 * @param user           the BMC user
 * @param passwordFile   a file holding the password, passed as {@code -f}; or else
 * @param passwordEnv    the daemon's environment variable holding it, passed on as {@code IPMI_PASSWORD} with {@code -E}
 * @param cipherSuite    {@code -C}: 3 (HMAC-SHA1, AES-128) is what OpenIPMI's simulator and most BMCs accept
 * @param commandTimeout how long one ipmitool run may take before it is killed
 * @param attempts       runs of one command when it fails with a transient error
 * @param retryDelay     the pause before trying again
 * @param confirmTimeout how long a power change may take to show in the chassis status
 * @param confirmPoll    the pause between status reads while confirming
 * @param watchInterval  how often the status is polled for changes made elsewhere
 * @param bootPersistent whether {@code chassis bootdev} keeps the device for every boot
 * @param client         what carries power and boot: the native RMCP+ session, or ipmitool (SOL is always ipmitool)
 */
public record IpmiSettings(
        String tool,
        String host,
        int port,
        String user,
        Optional<Path> passwordFile,
        Optional<String> passwordEnv,
        String cipherSuite,
        Duration commandTimeout,
        int attempts,
        Duration retryDelay,
        Duration confirmTimeout,
        Duration confirmPoll,
        Duration watchInterval,
        boolean bootPersistent,
        Client client) {

    /** {@code ipmi.client}: the daemon's own RMCP+ client, or a process of ipmitool per operation. */
    public enum Client {
        NATIVE,
        IPMITOOL
    }

    public IpmiSettings {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        if (passwordFile.isPresent() == passwordEnv.isPresent()) {
            throw new IllegalArgumentException("exactly one of a password file and a password variable is needed");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    /** Defaults for everything but the BMC's address, user and password source. */
    public static IpmiSettings of(
            String host, int port, String user, Optional<Path> passwordFile, Optional<String> passwordEnv) {
        return new IpmiSettings(
                "ipmitool",
                host,
                port,
                user,
                passwordFile,
                passwordEnv,
                "3",
                Duration.ofSeconds(20),
                3,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                true,
                Client.NATIVE);
    }

    /** The BMC, as messages and the per-BMC lock name it. */
    String bmc() {
        return host + ":" + port;
    }
}
