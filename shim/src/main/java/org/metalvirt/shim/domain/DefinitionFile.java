package org.metalvirt.shim.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.metalvirt.shim.objects.StoredJson;

/**
 * A domain's {@code UUID.xml} in the state directory: one file, so that a definition change is one
 * durable write. A comment line names what the daemon chose or was told (node, autostart); the
 * definition follows exactly as defined, as libvirt's own files follow its header comment. Files
 * of earlier versions have no such line (their node and autostart are in a {@code UUID.json} beside).
 */
final class DefinitionFile {

    /** What is defined beside the XML: never runtime. */
    record Defined(boolean autostart, String node) {}

    /** What a file holds; {@code defined} is empty in a file of an earlier version. */
    record Read(Optional<Defined> defined, String xml) {}

    private static final String OPEN = "<!-- metalvirt ";
    private static final String CLOSE = " -->\n";

    private DefinitionFile() {}

    static byte[] format(Defined defined, String xml) throws IOException {
        // '-' appears only inside JSON strings here, where \u002d is the same character: no "--" ends the comment
        // early.
        String header = StoredJson.FILES.asString(defined).replace("-", "\\u002d");
        return (OPEN + header + CLOSE + xml).getBytes(StandardCharsets.UTF_8);
    }

    static Read parse(String text) throws IOException {
        if (!text.startsWith(OPEN)) {
            return new Read(Optional.empty(), text);
        }
        int end = text.indexOf(CLOSE, OPEN.length());
        if (end < 0) {
            throw new IOException("the header comment of the definition is not closed");
        }
        // Read strictly: a key this version does not know is a header it cannot honour.
        Defined defined = StoredJson.STRICT.beanFrom(Defined.class, text.substring(OPEN.length(), end));
        if (defined.node() == null) {
            throw new IOException("the header comment of the definition names no node");
        }
        return new Read(Optional.of(defined), text.substring(end + CLOSE.length()));
    }
}
