package org.metalvirt.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The pool types the card can serve, by type name. Backend modules provide their drivers through
 * {@link ServiceLoader} ({@code META-INF/services/org.metalvirt.storage.PoolDrivers$Provider}).
 */
public final class PoolDrivers {

    /** Builds a module's pool drivers, given where they get secret values. */
    public interface Provider {
        List<PoolDriver> drivers(SecretValues secrets);
    }

    private final Map<String, PoolDriver> byType = new TreeMap<>();

    public PoolDrivers(List<PoolDriver> drivers) {
        drivers.forEach(driver -> byType.put(driver.type(), driver));
    }

    /** Every driver the modules on the class path provide. */
    public static PoolDrivers load(SecretValues secrets) {
        List<PoolDriver> all = new java.util.ArrayList<>();
        ServiceLoader.load(Provider.class).forEach(provider -> all.addAll(provider.drivers(secrets)));
        return new PoolDrivers(all);
    }

    public Optional<PoolDriver> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public java.util.Set<String> types() {
        return byType.keySet();
    }
}
