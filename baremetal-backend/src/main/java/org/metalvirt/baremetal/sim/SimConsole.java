package org.metalvirt.baremetal.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.metalvirt.node.ConsoleAccess;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/**
 * The simulated server's serial port: at every power-on its firmware and OS print a boot banner
 * and a prompt; what is typed is echoed as a terminal echoes it, and a line ending in CR is
 * answered ({@code sim: NODE got LINE}) with a new prompt. While the server is off the line is
 * silent and keystrokes are lost, as on a real port. Output a session leaves unread past
 * {@link #BUFFER} bytes is dropped, as a UART drops what nobody reads.
 */
public final class SimConsole implements ConsoleAccess, PowerListener {

    static final int BUFFER = 64 * 1024;

    private final SimulatedServer server;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    public SimConsole(SimulatedServer server) {
        this.server = server;
        server.addListener(this);
    }

    /** What the server prints when it comes on. */
    public static String banner(String node) {
        return "metalvirt simulated firmware\r\nBooting " + node + " ...\r\n" + prompt(node);
    }

    private static String prompt(String node) {
        return node + " login: ";
    }

    @Override
    public void powerChanged(PowerState state) {
        if (state == PowerState.ON) {
            print(banner(server.node()));
        }
    }

    private void print(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        lines.forEach(line -> line.offer(bytes));
    }

    @Override
    public Session open() {
        Line line = new Line();
        lines.add(line);
        return line;
    }

    /** One session on the port: its unread output, and its keystrokes. */
    private final class Line implements Session {

        private final ArrayDeque<Byte> unread = new ArrayDeque<>();
        private final StringBuilder typed = new StringBuilder();
        private boolean closed;

        synchronized void offer(byte[] bytes) {
            for (byte b : bytes) {
                if (unread.size() < BUFFER) {
                    unread.add(b);
                }
            }
            notifyAll();
        }

        @Override
        public InputStream output() {
            return Session.reading(this::take);
        }

        private synchronized int take(byte[] bytes, int offset, int length) throws IOException {
            while (unread.isEmpty() && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted reading the simulated console", e);
                }
            }
            if (unread.isEmpty()) {
                return -1;
            }
            int n = 0;
            while (n < length && !unread.isEmpty()) {
                bytes[offset + n++] = unread.poll();
            }
            return n;
        }

        @Override
        public OutputStream input() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    typed((byte) b);
                }
            };
        }

        private void typed(byte b) throws IOException {
            synchronized (this) {
                if (closed) {
                    throw new IOException("the console session is closed");
                }
            }
            if (!server.powerGood()) {
                return;
            }
            String answer;
            synchronized (this) {
                if (b != '\r' && b != '\n') {
                    typed.append((char) (b & 0xff));
                    offer(new byte[] {b});
                    return;
                }
                answer = "\r\nsim: " + server.node() + " got " + typed + "\r\n" + prompt(server.node());
                typed.setLength(0);
            }
            offer(answer.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            lines.remove(this);
            synchronized (this) {
                closed = true;
                notifyAll();
            }
        }
    }
}
