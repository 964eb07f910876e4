package org.metalvirt.shim.remote;

import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.protocol.Procedure;

/**
 * What libvirt's public API reports when the driver lacks a call, for a procedure metalvirt
 * serves but cannot answer on this server: {@code VIR_ERR_NO_SUPPORT} from the domain error
 * domain (libvirt-domain.c's and libvirt-host.c's own), naming the API.
 */
final class NoSupport {

    private NoSupport() {}

    static VirtException of(Procedure<?, ?> procedure) {
        return new VirtException(
                ErrorNumber.NO_SUPPORT,
                ErrorDomain.DOMAIN,
                "this function is not supported by the connection driver: " + procedure.api());
    }
}
