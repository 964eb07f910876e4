package org.metalvirt.shim.wire;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The peer broke the framing: a length out of bounds or a header that names no message type or
 * status. Nothing after it on that connection can be trusted, so the connection is closed.
 */
public final class MalformedPacketException extends CorruptedFrameException {

    public MalformedPacketException(String message) {
        super(message);
    }
}
