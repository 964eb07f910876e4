package org.metalvirt.baremetal.ipmi.rmcp;

import java.util.Map;

/** The generic completion codes of IPMI v2.0 table 5-2, worded after the spec, for messages. */
final class CompletionCodes {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x00, "command completed normally"),
            Map.entry(0xC0, "node busy"),
            Map.entry(0xC1, "invalid command"),
            Map.entry(0xC2, "command invalid for given LUN"),
            Map.entry(0xC3, "timeout while processing command"),
            Map.entry(0xC4, "out of space"),
            Map.entry(0xC5, "reservation canceled or invalid reservation ID"),
            Map.entry(0xC6, "request data truncated"),
            Map.entry(0xC7, "request data length invalid"),
            Map.entry(0xC8, "request data field length limit exceeded"),
            Map.entry(0xC9, "parameter out of range"),
            Map.entry(0xCA, "cannot return number of requested data bytes"),
            Map.entry(0xCB, "requested sensor, data, or record not present"),
            Map.entry(0xCC, "invalid data field in request"),
            Map.entry(0xCD, "command illegal for specified sensor or record type"),
            Map.entry(0xCE, "command response could not be provided"),
            Map.entry(0xCF, "cannot execute duplicated request"),
            Map.entry(0xD0, "SDR repository in update mode"),
            Map.entry(0xD1, "device in firmware update mode"),
            Map.entry(0xD2, "BMC initialization in progress"),
            Map.entry(0xD3, "destination unavailable"),
            Map.entry(0xD4, "insufficient privilege level"),
            Map.entry(0xD5, "command not supported in present state"),
            Map.entry(0xD6, "command sub-function has been disabled or is unavailable"),
            Map.entry(0xFF, "unspecified error"));

    /** Codes that say the BMC was busy rather than wrong: worth asking again (as Ironic's ipmitool list does). */
    static boolean transientCode(int code) {
        return code == 0xC0 || code == 0xC3 || code == 0xC4 || code == 0xD2;
    }

    private CompletionCodes() {}

    static String describe(int code) {
        String name = NAMES.getOrDefault(code, code >= 0x01 && code <= 0x7E ? "command-specific error" : "unknown");
        return String.format("completion code 0x%02x: %s", code, name);
    }
}
