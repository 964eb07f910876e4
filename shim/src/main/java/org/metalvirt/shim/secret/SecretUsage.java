package org.metalvirt.shim.secret;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code virSecretUsageType}: what a secret is for, with libvirt's number, its name in the XML's
 * {@code <usage type>}, the element naming its usage id, and how libvirt words a missing id.
 */
public enum SecretUsage {
    NONE(0, "none", "", ""),
    VOLUME(1, "volume", "volume", "volume usage specified, but volume path is missing"),
    CEPH(2, "ceph", "name", "Ceph usage specified, but name is missing"),
    ISCSI(3, "iscsi", "target", "iSCSI usage specified, but target is missing"),
    TLS(4, "tls", "name", "TLS usage specified, but name is missing"),
    VTPM(5, "vtpm", "name", "vTPM usage specified, but name is missing");

    private final int code;
    private final String type;
    private final String element;
    private final String missing;

    SecretUsage(int code, String type, String element, String missing) {
        this.code = code;
        this.type = type;
        this.element = element;
        this.missing = missing;
    }

    public int code() {
        return code;
    }

    public String type() {
        return type;
    }

    String element() {
        return element;
    }

    String missing() {
        return missing;
    }

    /** The usage with this {@code <usage type>}; {@code none} is no usage a document can name. */
    static Optional<SecretUsage> ofType(String type) {
        return Arrays.stream(values())
                .filter(usage -> usage != NONE && usage.type.equals(type))
                .findFirst();
    }

    static Optional<SecretUsage> ofCode(int code) {
        return Arrays.stream(values()).filter(usage -> usage.code == code).findFirst();
    }
}
