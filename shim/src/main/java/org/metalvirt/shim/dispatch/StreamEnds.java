package org.metalvirt.shim.dispatch;

import java.util.Objects;

/**
 * What a stream joins on the daemon's side: where the client's data goes and where the data sent
 * to the client comes from.
 */
public record StreamEnds(StreamSink sink, StreamSource source) {

    public StreamEnds {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(source, "source");
    }
}
