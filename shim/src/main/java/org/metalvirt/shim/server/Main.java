package org.metalvirt.shim.server;

import io.netty.util.ResourceLeakDetector;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.metalvirt.shim.log.LogLevels;
import org.metalvirt.shim.remote.MetalvirtVersion;
import org.metalvirt.shim.security.ServerTls;
import org.metalvirt.shim.security.TlsSetupException;
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

    @Option(
            names = "--listen-tls",
            paramLabel = "HOST:PORT",
            description = "TLS address with client certificates, libvirt's 16514 (default: no TLS)")
    String listenTls;

    @Option(
            names = "--pki-dir",
            paramLabel = "DIR",
            description = "directory with cacert.pem, cacrl.pem, servercert.pem, serverkey.pem"
                    + " (default /etc/pki/CA and /etc/pki/libvirt)")
    Path pkiDir;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "where defined domains are kept")
    Path stateDir;

    @Option(
            names = "--runtime-dir",
            paramLabel = "DIR",
            description = "where running domains' and active networks' runtime state is kept, emptied by a reboot"
                    + " (default: the Unix socket's directory, /run/metalvirt as root)")
    Path runtimeDir;

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
        // Before anything touches JSSE: its TLS 1.3 session tickets would break libvirt's clients.
        ServerTls.disableSessionTickets();
        // Netty's leak detector samples buffers and records where they went: a cost on every call
        // meant for tests (which keep it). -Dio.netty.leakDetection.level=... turns it back on.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        Main main = new Main();
        System.exit(
                PlainOptions.fill(main, args)
                        ? main.run()
                        : new CommandLine(main)
                                .addSubcommand(new SaslUserCommand())
                                .execute(args));
    }

    /** {@link #call()} as picocli runs it: a failure's stack trace on stderr and exit status 1. */
    private int run() {
        try {
            return call();
        } catch (InterruptedException | RuntimeException e) {
            e.printStackTrace();
            return 1;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        DaemonSettings settings;
        try {
            DaemonConfig file = config != null ? DaemonConfig.read(config) : new DaemonConfig();
            settings = DaemonSettings.resolve(
                    file,
                    new DaemonSettings.Overrides(
                            listenTcp, unixSocket, stateDir, listenTls, pkiDir, metrics, logFormat, runtimeDir));
        } catch (ConfigException e) {
            System.err.println("metalvirtd: " + e.getMessage());
            return 2;
        }
        settings.log().format().apply();
        settings.log().level().ifPresent(level -> LogLevels.set("", level));
        CountDownLatch stopped = new CountDownLatch(1);
        // The stop is in place before the sockets are: a SIGTERM as soon as they appear (a service
        // manager's stop) waits for the start to end, then stops the daemon cleanly and exits 0.
        CountDownLatch startEnded = new CountDownLatch(1);
        AtomicReference<Daemon> started = new AtomicReference<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                startEnded.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            if (started.get() != null) {
                                LOG.info("stopping");
                                started.get().close();
                            }
                            stopped.countDown();
                        },
                        "metalvirtd-shutdown"));
        Signals.exitZeroOnStop();
        Daemon daemon;
        try {
            daemon = Daemon.start(settings);
            started.set(daemon);
        } catch (TlsSetupException e) {
            System.err.println("metalvirtd: " + e.getMessage());
            return 2;
        } finally {
            startEnded.countDown();
        }
        if (settings.security().tls().isPresent()) {
            Signals.onHangup(() -> reloadTls(daemon));
        }
        // An operator's idle timeout (virt-admin daemon-timeout) stops the daemon as SIGTERM does.
        daemon.idleTimeout().thenRun(() -> new Thread(() -> System.exit(0), "metalvirtd-idle-exit").start());
        stopped.await();
        return 0;
    }

    /** SIGHUP: new TLS files for new connections; a bad set is logged and the old one kept. */
    private static void reloadTls(Daemon daemon) {
        try {
            daemon.reloadTls();
        } catch (TlsSetupException e) {
            LOG.error("TLS credentials not reloaded, the previous ones stay: {}", e.getMessage());
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"metalvirtd " + MetalvirtVersion.text()};
        }
    }
}
