package org.metalvirt.node;

import java.util.UUID;

/**
 * What the server's SMBIOS tables say it is; reported as libvirt's sysinfo and the host UUID.
 */
public record SystemIdentity(
        UUID uuid, String manufacturer, String product, String serial, String biosVendor, String biosVersion) {}
