package org.metalvirt.baremetal.sriov;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.metalvirt.node.Vpd;

/**
 * Reads a PCI function's Vital Product Data ({@code vpd} in sysfs) as the PCI specification lays
 * it out: large resources (tag byte with bit 7 set, 16-bit little-endian length) — 0x82 the
 * identifier string, 0x90 the read-only keywords (two letters, a length byte, the value) — until
 * the small end tag 0x78. Anything malformed ends the reading: what was read so far stands.
 */
final class VpdReader {

    private static final int IDENTIFIER = 0x82;
    private static final int READ_ONLY = 0x90;
    private static final int END = 0x78;

    private VpdReader() {}

    /** The VPD, or empty when the data has no identifier string. */
    static Optional<Vpd> read(byte[] data) {
        String name = null;
        Map<String, String> keywords = new HashMap<>();
        int at = 0;
        while (at < data.length) {
            int tag = data[at] & 0xff;
            if (tag == END || (tag & 0x80) == 0 || at + 3 > data.length) {
                break;
            }
            int length = (data[at + 1] & 0xff) | (data[at + 2] & 0xff) << 8;
            int start = at + 3;
            if (start + length > data.length) {
                break;
            }
            if (tag == IDENTIFIER) {
                name = text(data, start, length);
            } else if (tag == READ_ONLY) {
                keywords(data, start, start + length, keywords);
            }
            at = start + length;
        }
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new Vpd(
                name,
                Optional.ofNullable(keywords.get("SN")),
                Optional.ofNullable(keywords.get("PN")),
                Optional.ofNullable(keywords.get("EC"))));
    }

    private static void keywords(byte[] data, int from, int to, Map<String, String> into) {
        int at = from;
        while (at + 3 <= to) {
            String key = new String(data, at, 2, StandardCharsets.US_ASCII);
            int length = data[at + 2] & 0xff;
            if (at + 3 + length > to) {
                return;
            }
            // RV is the checksum and the reserved bytes after it, not text.
            if (!key.equals("RV")) {
                into.put(key, text(data, at + 3, length));
            }
            at += 3 + length;
        }
    }

    /** The printable ASCII of a field, trimmed: cards pad fields with spaces or NULs. */
    private static String text(byte[] data, int from, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < from + length; i++) {
            char c = (char) (data[i] & 0xff);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }
}
