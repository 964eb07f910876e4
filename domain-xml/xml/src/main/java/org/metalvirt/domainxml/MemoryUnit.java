package org.metalvirt.domainxml;

import java.math.BigInteger;
import java.util.Locale;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * libvirt's memory units: {@code b}/{@code bytes}, the decimal {@code KB MB GB TB PB EB} and the
 * binary {@code k KiB M MiB G GiB T TiB P PiB E EiB}; no unit means KiB. Values are kept in KiB,
 * rounded up, as libvirt keeps them.
 */
final class MemoryUnit {

    private static final BigInteger KIB = BigInteger.valueOf(1024);

    private MemoryUnit() {}

    static long toKiB(String element, String value, String unit) {
        BigInteger number;
        try {
            number = new BigInteger(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(element, "invalid value '" + value.strip() + "'");
        }
        if (number.signum() < 0) {
            throw invalid(element, "negative value '" + value.strip() + "'");
        }
        BigInteger bytes = number.multiply(scale(element, unit));
        BigInteger kib = bytes.add(KIB.subtract(BigInteger.ONE)).divide(KIB);
        if (kib.bitLength() > 63) {
            throw invalid(element, "value '" + value.strip() + " " + unit + "' is too large");
        }
        return kib.longValueExact();
    }

    private static BigInteger scale(String element, String unit) {
        String u = unit == null ? "kib" : unit.strip().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "b", "bytes" -> BigInteger.ONE;
            case "kb" -> BigInteger.TEN.pow(3);
            case "k", "kib" -> KIB;
            case "mb" -> BigInteger.TEN.pow(6);
            case "m", "mib" -> KIB.pow(2);
            case "gb" -> BigInteger.TEN.pow(9);
            case "g", "gib" -> KIB.pow(3);
            case "tb" -> BigInteger.TEN.pow(12);
            case "t", "tib" -> KIB.pow(4);
            case "pb" -> BigInteger.TEN.pow(15);
            case "p", "pib" -> KIB.pow(5);
            case "eb" -> BigInteger.TEN.pow(18);
            case "e", "eib" -> KIB.pow(6);
            default -> throw invalid(element, "unknown unit '" + unit + "'");
        };
    }

    private static VirtException invalid(String element, String reason) {
        return new VirtException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN, "XML error: <" + element + ">: " + reason);
    }
}
