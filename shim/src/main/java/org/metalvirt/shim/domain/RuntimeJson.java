package org.metalvirt.shim.domain;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.metalvirt.shim.objects.StoredJson;

/**
 * A domain's runtime file written straight to the stores' JSON generator, as jackson-jr writes the
 * record (components in their order, a null one left out), without its reflection: a start writes
 * the file twice, and a fresh daemon runs that code interpreted.
 */
final class RuntimeJson {

    private RuntimeJson() {}

    static byte[] write(DomainStore.Runtime runtime) throws IOException {
        String live = runtime.liveXml();
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(256 + (live == null ? 0 : live.length() + live.length() / 8));
        try (JsonGenerator json = StoredJson.FILES.getStreamingFactory().createGenerator(out)) {
            json.writeStartObject();
            text(json, "name", runtime.name());
            json.writeBooleanField("autostart", runtime.autostart());
            text(json, "node", runtime.node());
            json.writeNumberField("id", runtime.id());
            text(json, "state", runtime.state());
            json.writeNumberField("reason", runtime.reason());
            text(json, "liveXml", live);
            if (runtime.addresses() != null) {
                json.writeObjectFieldStart("addresses");
                for (Map.Entry<String, String> address : runtime.addresses().entrySet()) {
                    json.writeFieldName(address.getKey());
                    json.writeString(address.getValue());
                }
                json.writeEndObject();
            }
            json.writeBooleanField("shutdownRequested", runtime.shutdownRequested());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void text(JsonGenerator json, String key, String value) throws IOException {
        if (value != null) {
            json.writeStringField(key, value);
        }
    }
}
