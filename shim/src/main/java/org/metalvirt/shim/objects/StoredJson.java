package org.metalvirt.shim.objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON mapper of the stores' files, configured once and thread-safe from then on: a file
 * an older or newer daemon wrote, with keys this one does not know, still loads. Each store built
 * its own, and paid its set-up at the daemon's start.
 */
public final class StoredJson {

    public static final ObjectMapper MAPPER =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StoredJson() {}
}
