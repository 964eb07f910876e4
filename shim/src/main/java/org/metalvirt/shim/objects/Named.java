package org.metalvirt.shim.objects;

import java.util.UUID;

/** What every object of a table is known by: both unique within the table. */
public interface Named {

    UUID uuid();

    String name();
}
