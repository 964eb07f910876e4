package org.metalvirt.shim.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.metalvirt.shim.log.LogLevels;
import org.metalvirt.shim.remote.MetalvirtVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metalvirtd}: starts the daemon in the foreground and runs until it is stopped. */
@Command(
        name = "metalvirtd",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A libvirt-compatible daemon that manages bare-metal servers as domains.")
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(
            names = "--listen-tcp",
            paramLabel = "HOST:PORT",
            description = "TCP address, no authentication (default 127.0.0.1:16509; empty disables TCP)")
    String listenTcp;

    @Option(
            names = "--unix-socket",
            paramLabel = "PATH",
            description = "read-write Unix socket; the read-only one is PATH-ro (default in the runtime directory)")
    Path unixSocket;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "where defined domains are kept")
    Path stateDir;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
    Path config;

    @Option(
            names = "--metrics",
            paramLabel = "HOST:PORT",
            description = "serve Prometheus metrics on http://HOST:PORT/metrics (default: off)")
    String metrics;

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            description = "text (default) or json: one JSON object per line, by Logback's encoder")
    String logFormat;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        DaemonSettings settings;
        try {
            DaemonConfig file = config != null ? DaemonConfig.read(config) : new DaemonConfig();
            settings = DaemonSettings.resolve(
                    file, new DaemonSettings.Overrides(listenTcp, unixSocket, stateDir, metrics, logFormat));
        } catch (ConfigException e) {
            System.err.println("metalvirtd: " + e.getMessage());
            return 2;
        }
        settings.log().format().apply();
        settings.log().level().ifPresent(level -> LogLevels.set("", level));
        CountDownLatch stopped = new CountDownLatch(1);
        Daemon daemon = Daemon.start(settings);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping");
                            daemon.close();
                            stopped.countDown();
                        },
                        "metalvirtd-shutdown"));
        stopped.await();
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"metalvirtd " + MetalvirtVersion.text()};
        }
    }
}
