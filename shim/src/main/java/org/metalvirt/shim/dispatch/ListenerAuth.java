package org.metalvirt.shim.dispatch;

import java.util.Locale;

/**
 * What a listener asks of a client before any call but the authentication steps, as libvirtd's
 * {@code auth_tcp}, {@code auth_tls}, {@code auth_unix_rw} and {@code auth_unix_ro}. On the TLS
 * listener {@code none} still requires the client certificate: there it is the authentication.
 */
public enum ListenerAuth {
    NONE,
    SASL;

    /** {@code none}, {@code sasl}; {@code tls} is accepted as {@code none} where {@code tlsListener}. */
    public static ListenerAuth parse(String text, boolean tlsListener) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.equals("none") || (tlsListener && value.equals("tls"))) {
            return NONE;
        }
        if (value.equals("sasl")) {
            return SASL;
        }
        throw new IllegalArgumentException(
                "unsupported auth '" + text + "', expected none" + (tlsListener ? ", tls" : "") + " or sasl");
    }
}
