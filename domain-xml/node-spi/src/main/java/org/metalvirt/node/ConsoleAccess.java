package org.metalvirt.node;

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
    }

    Session open();
}
