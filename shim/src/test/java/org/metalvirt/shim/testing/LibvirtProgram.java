package org.metalvirt.shim.testing;

import java.util.List;
import java.util.Locale;

/**
 * libvirt 9.0's REMOTE program as its sources define it, one row per procedure, read from
 * {@code protocol/libvirt-9.0-remote-procedures.tsv}: facts we extracted from its
 * {@code remote_protocol.x} and public API files, so the table can be checked against them.
 */
public final class LibvirtProgram {

    /** The kinds of procedure: a call, a step of an authentication method, or an event. */
    public enum Kind {
        CALL,
        AUTH,
        EVENT
    }

    /**
     * One procedure.
     *
     * @param api          the public API a call serves ({@code virDomainGetVcpus}); "-" if none
     * @param errorDomain  the error domain its "not supported" comes from; -1 if none
     * @param readOnlyDenied whether libvirt's public API refuses it on a read-only connection
     */
    public record Row(int number, String name, Kind kind, String api, int errorDomain, boolean readOnlyDenied) {}

    public static final List<Row> ROWS = read();

    private LibvirtProgram() {}

    private static List<Row> read() {
        return Resources.text("protocol/libvirt-9.0-remote-procedures.tsv")
                .lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(f -> new Row(
                        Integer.parseInt(f[0]),
                        f[1],
                        Kind.valueOf(f[2].toUpperCase(Locale.ROOT)),
                        f[3],
                        f[4].equals("-") ? -1 : Integer.parseInt(f[4]),
                        f[5].equals("yes")))
                .toList();
    }
}
