package org.metalvirt.shim.storage;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/** A volume's {@code <capacity unit=…>} in bytes, with the units libvirt's storage XML takes. */
final class Sizes {

    private static final BigInteger K = BigInteger.valueOf(1024);
    private static final BigInteger T = BigInteger.valueOf(1000);
    private static final Map<String, BigInteger> UNITS = Map.ofEntries(
            Map.entry("b", BigInteger.ONE),
            Map.entry("bytes", BigInteger.ONE),
            Map.entry("kb", T),
            Map.entry("k", K),
            Map.entry("kib", K),
            Map.entry("mb", T.pow(2)),
            Map.entry("m", K.pow(2)),
            Map.entry("mib", K.pow(2)),
            Map.entry("gb", T.pow(3)),
            Map.entry("g", K.pow(3)),
            Map.entry("gib", K.pow(3)),
            Map.entry("tb", T.pow(4)),
            Map.entry("t", K.pow(4)),
            Map.entry("tib", K.pow(4)),
            Map.entry("pb", T.pow(5)),
            Map.entry("p", K.pow(5)),
            Map.entry("pib", K.pow(5)));

    private Sizes() {}

    static long bytes(String element, String value, String unit) {
        BigInteger scale = UNITS.get(unit.toLowerCase(Locale.ROOT));
        if (scale == null) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG, ErrorDomain.STORAGE, "invalid argument: unknown suffix '" + unit + "'");
        }
        try {
            BigInteger bytes = new BigInteger(value.strip()).multiply(scale);
            if (bytes.signum() < 0 || bytes.bitLength() > 63) {
                throw new NumberFormatException();
            }
            return bytes.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new VirtException(
                    ErrorNumber.XML_ERROR, ErrorDomain.STORAGE, "XML error: malformed " + element + " element");
        }
    }
}
