package org.metalvirt.shim.protocol;

/**
 * libvirt's {@code @priority} annotation. High-priority calls never wait on hardware, so they
 * get their own workers and keep answering while every normal worker is busy with a slow BMC.
 */
public enum Priority {
    HIGH,
    LOW
}
