package org.metalvirt.cpumodel;

import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/** The errors libvirt's CPU code reports, worded with libvirt's prefix for each code. */
final class CpuErrors {

    private CpuErrors() {}

    static VirtException xml(String reason) {
        return new VirtException(ErrorNumber.XML_ERROR, ErrorDomain.CPU, "XML error: " + reason);
    }

    static VirtException unsupported(String reason) {
        return new VirtException(
                ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.CPU, "unsupported configuration: " + reason);
    }

    static VirtException internal(String reason) {
        return new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.CPU, "internal error: " + reason);
    }

    static VirtException invalid(String reason) {
        return new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.CPU, "invalid argument: " + reason);
    }

    static VirtException incompatible(String reason) {
        return new VirtException(
                ErrorNumber.CPU_INCOMPATIBLE, ErrorDomain.CPU, "the CPU is incompatible with host CPU: " + reason);
    }
}
