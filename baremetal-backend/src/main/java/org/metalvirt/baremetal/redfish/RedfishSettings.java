package org.metalvirt.baremetal.redfish;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one BMC's Redfish service.
 *
 * @param url            the service root's scheme, host and port ({@code https://10.0.0.9})
 * @param system         the ComputerSystem's path; empty for the first member of {@code /redfish/v1/Systems}
 * @param user           the BMC user, for HTTP basic authentication
 * @param passwordFile   a file holding the password
 * @param insecure       skip TLS verification: only for BMCs with self-signed certificates, said explicitly
 * @param requestTimeout how long one HTTP request may take
 * @param confirmTimeout how long a power change may take to show in PowerState
 * @param confirmPoll    the pause between reads while confirming
 * @param watchInterval  how often PowerState is polled for changes made elsewhere
 * @param bootOverride   {@code Once} or {@code Continuous}
 */
public record RedfishSettings(
        URI url,
        Optional<String> system,
        String user,
        Path passwordFile,
        boolean insecure,
        Duration requestTimeout,
        Duration confirmTimeout,
        Duration confirmPoll,
        Duration watchInterval,
        String bootOverride) {

    public RedfishSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordFile, "passwordFile");
        if (!bootOverride.equals("Once") && !bootOverride.equals("Continuous")) {
            throw new IllegalArgumentException("boot override must be Once or Continuous: " + bootOverride);
        }
    }

    public static RedfishSettings of(URI url, String user, Path passwordFile) {
        return new RedfishSettings(
                url,
                Optional.empty(),
                user,
                passwordFile,
                false,
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                "Continuous");
    }
}
