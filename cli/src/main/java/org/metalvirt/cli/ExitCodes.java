package org.metalvirt.cli;

/** What metalvirtctl's exit status means, for scripts; the man page lists them. */
final class ExitCodes {

    /** Done. */
    static final int OK = 0;
    /** The daemon refused or failed the call; its libvirt error is printed. */
    static final int REFUSED = 1;
    /** The command line is wrong (picocli's usage error). */
    static final int USAGE = 2;
    /** No daemon could be reached at the socket: not running, another path, or not allowed. */
    static final int UNREACHABLE = 3;
    /** A check found problems: a configuration file is invalid, or a node's self-test failed a step. */
    static final int CHECK_FAILED = 4;

    static final String LIST = "%nExit status:%n"
            + "  0  done%n"
            + "  1  the daemon refused or failed the call (its error is printed)%n"
            + "  2  wrong usage%n"
            + "  3  no daemon reached: not running, wrong --socket, or not allowed%n"
            + "  4  a check found problems (config check, nodes check)%n";

    private ExitCodes() {}
}
