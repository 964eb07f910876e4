package org.metalvirt.domainxml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.metalvirt.error.ErrorNumber;

/** MAC addresses as libvirt reads and writes them: six hex pairs, lower case, unicast. */
final class Mac {

    /** libvirt's (QEMU's) locally administered prefix for generated addresses. */
    static final String PREFIX = "52:54:00";

    private Mac() {}

    /** The address in libvirt's form, or libvirt's errors for one it cannot use. */
    static String parse(String text) {
        String mac = text.strip().toLowerCase(Locale.ROOT);
        if (!mac.matches("[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}")) {
            throw Errors.of(ErrorNumber.INTERNAL_ERROR, "internal error: unable to parse mac address '" + text + "'");
        }
        StringBuilder out = new StringBuilder();
        for (String part : mac.split(":")) {
            out.append(out.length() == 0 ? "" : ":").append(part.length() == 1 ? "0" + part : part);
        }
        String normal = out.toString();
        if ((Integer.parseInt(normal.substring(0, 2), 16) & 1) != 0) {
            throw Errors.xml("expected unicast mac address, found multicast '" + text + "'");
        }
        return normal;
    }

    /**
     * A {@code 52:54:00} address for the {@code n}-th generated MAC of a domain, skipping those in
     * use. Derived from the domain's UUID rather than drawn at random, so that defining the same
     * document twice gives the same addresses; it is written into the XML either way.
     */
    static String generate(UUID domain, Set<String> used) {
        for (int n = 0; ; n++) {
            byte[] hash = sha256(domain + "/" + n);
            String mac = PREFIX + ":" + HexFormat.ofDelimiter(":").formatHex(hash, 0, 3);
            if (!used.contains(mac)) {
                return mac;
            }
        }
    }

    /**
     * A stable {@code 52:54:00} address for a device whose XML has no place for a MAC (a PCI
     * {@code <hostdev>}): the NIC must still program one on the VF.
     */
    static String derive(UUID domain, String device) {
        return PREFIX + ":" + HexFormat.ofDelimiter(":").formatHex(sha256(domain + "/" + device), 0, 3);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
