package org.metalvirt.storage;

/**
 * Where a pool driver gets the value of the secret its {@code <auth>} names. The daemon's secret
 * store answers it; a value is handed to a program through a file or stdin, never its argv.
 */
@FunctionalInterface
public interface SecretValues {

    /** The secret's value; libvirt's NO_SECRET when there is none. */
    byte[] value(PoolAuth auth);
}
