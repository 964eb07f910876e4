package org.metalvirt.domainxml;

import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/** The errors domain XML raises, worded as libvirt words them (its prefix for each code included). */
final class Errors {

    private Errors() {}

    /** {@code VIR_ERR_XML_ERROR}: the document is not valid domain XML. */
    static VirtException xml(String reason) {
        return new VirtException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN, "XML error: " + reason);
    }

    /** {@code VIR_ERR_CONFIG_UNSUPPORTED}: valid, but not something this domain can have. */
    static VirtException unsupported(String reason) {
        return new VirtException(
                ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN, "unsupported configuration: " + reason);
    }

    static VirtException internal(String reason) {
        return new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.DOMAIN, "internal error: " + reason);
    }

    static VirtException of(ErrorNumber number, String message) {
        return new VirtException(number, ErrorDomain.DOMAIN, message);
    }
}
