package org.metalvirt.shim.xdr;

/** An enum carried as an XDR {@code enum}: a four-byte int with an explicit value per constant. */
public interface XdrEnum {

    int value();
}
