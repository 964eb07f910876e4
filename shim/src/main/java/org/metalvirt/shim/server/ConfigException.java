package org.metalvirt.shim.server;

/** The configuration cannot be used; the message says where and why. The daemon does not start. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
