package org.metalvirt.shim.domain;

/**
 * Which definitions a change affects, as libvirt's AFFECT_* flags say. CURRENT is decided by the
 * domain's state once its job holds the lock: the live definition while active, else the
 * persistent one — never from a look taken before, which a start or stop may have overtaken.
 */
public enum Affect {
    CURRENT,
    LIVE,
    CONFIG,
    LIVE_AND_CONFIG;

    public boolean live(DomainRecord record) {
        return this == LIVE || this == LIVE_AND_CONFIG || this == CURRENT && record.active();
    }

    public boolean config(DomainRecord record) {
        return this == CONFIG || this == LIVE_AND_CONFIG || this == CURRENT && !record.active();
    }
}
