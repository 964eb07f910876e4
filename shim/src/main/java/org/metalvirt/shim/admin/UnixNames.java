package org.metalvirt.shim.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A uid's user name and a gid's group name, from the local account files, as libvirt shows them. */
final class UnixNames {

    private UnixNames() {}

    static Optional<String> user(int uid) {
        return lookup(Path.of("/etc/passwd"), uid);
    }

    static Optional<String> group(int gid) {
        return lookup(Path.of("/etc/group"), gid);
    }

    /** The first field of the line whose third field is {@code id}. */
    private static Optional<String> lookup(Path file, int id) {
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.split(":", -1))
                    .filter(fields -> fields.length > 2 && fields[2].equals(Integer.toString(id)))
                    .map(fields -> fields[0])
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
