package org.metalvirt.shim.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** metalvirt's own version, stamped into the build by Maven. */
public final class MetalvirtVersion {

    private static final String VERSION = load();
    private static final long ENCODED = encode(VERSION);

    private MetalvirtVersion() {}

    /** The version as released, e.g. {@code 0.1.0} or {@code 0.1.0-SNAPSHOT}. */
    public static String text() {
        return VERSION;
    }

    /** The version as libvirt encodes versions: major * 1,000,000 + minor * 1,000 + release. */
    static long encoded() {
        return ENCODED;
    }

    private static long encode(String version) {
        String[] parts = version.split("[.-]");
        long encoded = 0;
        for (int i = 0; i < 3; i++) {
            encoded = encoded * 1000 + (i < parts.length && parts[i].matches("\\d+") ? Long.parseLong(parts[i]) : 0);
        }
        return encoded;
    }

    private static String load() {
        try (InputStream in = MetalvirtVersion.class.getResourceAsStream("/org/metalvirt/shim/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
