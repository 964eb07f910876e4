package org.metalvirt.baremetal.ipmi.rmcp;

import java.util.Map;

/** The RMCP+ and RAKP message status codes of IPMI v2.0 table 13-15, worded after the spec. */
final class RakpStatus {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x01, "insufficient resources to create a session"),
            Map.entry(0x02, "invalid session ID"),
            Map.entry(0x03, "invalid payload type"),
            Map.entry(0x04, "invalid authentication algorithm"),
            Map.entry(0x05, "invalid integrity algorithm"),
            Map.entry(0x06, "no matching authentication payload"),
            Map.entry(0x07, "no matching integrity payload"),
            Map.entry(0x08, "inactive session ID"),
            Map.entry(0x09, "invalid role"),
            Map.entry(0x0A, "unauthorized role or privilege level requested"),
            Map.entry(0x0B, "insufficient resources to create a session at the requested role"),
            Map.entry(0x0C, "invalid name length"),
            Map.entry(0x0D, "unauthorized name"),
            Map.entry(0x0E, "unauthorized GUID"),
            Map.entry(0x0F, "invalid integrity check value"),
            Map.entry(0x10, "invalid confidentiality algorithm"),
            Map.entry(0x11, "no cipher suite match with proposed security algorithms"),
            Map.entry(0x12, "illegal or unrecognized parameter"));

    private RakpStatus() {}

    static String describe(int status) {
        return String.format("%s (RAKP status 0x%02x)", NAMES.getOrDefault(status, "unknown status"), status);
    }
}
