package org.metalvirt.baremetal.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import org.metalvirt.error.Failures;

/**
 * QEMU's answer to one command: its {@code return}, or its error's class and description.
 * Callers that must tell errors apart (a device already gone) read {@link #errorClass}.
 */
public record QmpReply(String command, JsonNode result, String errorClass, String errorDescription) {

    public boolean ok() {
        return errorClass == null;
    }

    /** The {@code return}, or OPERATION_FAILED naming QEMU's error. */
    public JsonNode orThrow(String node) {
        if (!ok()) {
            throw Failures.failed(node + ": QMP " + command + " failed: " + errorClass + ": " + errorDescription);
        }
        return result;
    }
}
