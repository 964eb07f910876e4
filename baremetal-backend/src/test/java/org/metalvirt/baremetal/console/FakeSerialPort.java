package org.metalvirt.baremetal.console;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The server's end of a serial line carried over TCP, as QEMU's socket chardev offers it to
 * ipmi_sim's SOL: one connection, what arrives is kept, what the test sends goes back.
 */
public final class FakeSerialPort implements AutoCloseable {

    private final ServerSocket listener;
    private final StringBuffer received = new StringBuffer();
    private volatile Socket line;

    private FakeSerialPort(ServerSocket listener) {
        this.listener = listener;
        Thread acceptor = new Thread(this::serve, "fake-serial-port");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FakeSerialPort start() throws IOException {
        return new FakeSerialPort(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void serve() {
        try {
            while (true) {
                Socket accepted = listener.accept();
                line = accepted;
                InputStream in = accepted.getInputStream();
                byte[] buffer = new byte[1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    public void awaitConnected() {
        await("the serial line's peer connecting")
                .atMost(Duration.ofSeconds(30))
                .until(() -> line != null);
    }

    /** Everything the line has received. */
    public String received() {
        return received.toString();
    }

    /** Prints {@code text} as the server would. */
    public void send(String text) throws IOException {
        OutputStream out = line.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (line != null) {
            line.close();
        }
    }
}
