package org.metalvirt.baremetal.ipmi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An {@link IpmiSettings} with a few of its fields changed, as tests want them (quicker waits,
 * another login, the other client), the rest copied: the record's fields are written out once, here.
 */
final class SettingsCopy {

    private String tool;
    private final String host;
    private final int port;
    private String user;
    private Optional<Path> passwordFile;
    private Optional<String> passwordEnv;
    private String cipherSuite;
    private Duration commandTimeout;
    private int attempts;
    private Duration retryDelay;
    private Duration confirmTimeout;
    private Duration confirmPoll;
    private Duration watchInterval;
    private final boolean bootPersistent;
    private IpmiSettings.Client client;

    private SettingsCopy(IpmiSettings s) {
        tool = s.tool();
        host = s.host();
        port = s.port();
        user = s.user();
        passwordFile = s.passwordFile();
        passwordEnv = s.passwordEnv();
        cipherSuite = s.cipherSuite();
        commandTimeout = s.commandTimeout();
        attempts = s.attempts();
        retryDelay = s.retryDelay();
        confirmTimeout = s.confirmTimeout();
        confirmPoll = s.confirmPoll();
        watchInterval = s.watchInterval();
        bootPersistent = s.bootPersistent();
        client = s.client();
    }

    static SettingsCopy of(IpmiSettings settings) {
        return new SettingsCopy(settings);
    }

    SettingsCopy tool(String newTool) {
        tool = newTool;
        return this;
    }

    SettingsCopy login(String newUser, Optional<Path> newPasswordFile, Optional<String> newPasswordEnv) {
        user = newUser;
        passwordFile = newPasswordFile;
        passwordEnv = newPasswordEnv;
        return this;
    }

    SettingsCopy cipherSuite(String suite) {
        cipherSuite = suite;
        return this;
    }

    SettingsCopy commandTimeout(Duration timeout) {
        commandTimeout = timeout;
        return this;
    }

    SettingsCopy retries(int newAttempts, Duration delay) {
        attempts = newAttempts;
        retryDelay = delay;
        return this;
    }

    SettingsCopy confirm(Duration timeout, Duration poll) {
        confirmTimeout = timeout;
        confirmPoll = poll;
        return this;
    }

    SettingsCopy watchInterval(Duration interval) {
        watchInterval = interval;
        return this;
    }

    SettingsCopy client(IpmiSettings.Client newClient) {
        client = newClient;
        return this;
    }

    IpmiSettings build() {
        return new IpmiSettings(
                tool,
                host,
                port,
                user,
                passwordFile,
                passwordEnv,
                cipherSuite,
                commandTimeout,
                attempts,
                retryDelay,
                confirmTimeout,
                confirmPoll,
                watchInterval,
                bootPersistent,
                client);
    }
}
