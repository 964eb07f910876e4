package org.metalvirt.baremetal.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An asynchronous QMP event: {@code SHUTDOWN}, {@code POWERDOWN}, {@code RESET},
 * {@code DEVICE_DELETED}…, with its {@code data} (an empty object when QEMU sent none).
 */
public record QmpEvent(String name, JsonNode data) {

    /** A text member of the data, or {@code ""}. */
    public String text(String field) {
        return data.path(field).asText("");
    }
}
