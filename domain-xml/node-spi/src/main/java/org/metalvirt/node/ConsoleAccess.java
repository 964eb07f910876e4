package org.metalvirt.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Capability: the server's serial console. */
public interface ConsoleAccess {

    /** A console session: what the server prints, and where keystrokes go. Closing ends it. */
    interface Session extends AutoCloseable {
        InputStream output();

        OutputStream input();

        @Override
        void close();

        /** What the server prints, read in blocks as {@code read} gives them (-1 at the end). */
        static InputStream reading(BlockRead read) {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    return length == 0 ? 0 : read.read(bytes, offset, length);
                }
            };
        }
    }

    /** A transport's block read: bytes into {@code bytes[offset…]}, their count, or -1 at the end. */
    @FunctionalInterface
    interface BlockRead {
        int read(byte[] bytes, int offset, int length) throws IOException;
    }

    Session open();
}
