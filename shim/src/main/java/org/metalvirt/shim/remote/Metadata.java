package org.metalvirt.shim.remote;

import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/** {@code virDomainMetadataType}. */
enum Metadata {
    DESCRIPTION,
    TITLE,
    ELEMENT;

    static Metadata of(int type) {
        return switch (type) {
            case 0 -> DESCRIPTION;
            case 1 -> TITLE;
            case 2 -> ELEMENT;
            default ->
                throw new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN, "unknown metadata type " + type);
        };
    }
}
