package org.metalvirt.node;

import java.util.Objects;
import java.util.Optional;

/**
 * What a card's PCI Vital Product Data says of it: the identifier string (its name) and the
 * read-only fields that identify the very card. Nova tells remote-managed ports' cards apart by
 * the serial number.
 *
 * @param name         the identifier string
 * @param serialNumber keyword {@code SN}
 * @param partNumber   keyword {@code PN}
 * @param changeLevel  keyword {@code EC}
 */
public record Vpd(
        String name, Optional<String> serialNumber, Optional<String> partNumber, Optional<String> changeLevel) {

    public Vpd {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(partNumber, "partNumber");
        Objects.requireNonNull(changeLevel, "changeLevel");
    }
}
