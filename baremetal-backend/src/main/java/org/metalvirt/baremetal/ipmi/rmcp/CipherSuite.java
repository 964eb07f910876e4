package org.metalvirt.baremetal.ipmi.rmcp;

/**
 * The RMCP+ cipher suites the client speaks, as data (IPMI v2.0 table 22-20): the algorithm numbers
 * sent in the Open Session Request, the JDK MAC that RAKP and the integrity code use, and how many
 * bytes of that MAC the RAKP 4 check value and each packet's authentication code carry. Both use
 * AES-CBC-128 for confidentiality, keyed by the first 16 bytes of K2.
 */
public enum CipherSuite {
    /** RAKP-HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128: what ipmitool's {@code -C 3} asks. */
    SUITE_3(3, 0x01, 0x01, "HmacSHA1", 20, 12),
    /** RAKP-HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128: ipmitool's {@code -C 17}. */
    SUITE_17(17, 0x03, 0x04, "HmacSHA256", 32, 16);

    /** AES-CBC-128, the confidentiality algorithm of both. */
    static final int AES_CBC_128 = 0x01;

    final int id;
    final int authentication;
    final int integrity;
    final String mac;
    /** The MAC's full length: SIK, K1, K2 and the RAKP 2/3 codes are this long. */
    final int macLength;
    /** The truncated length of the RAKP 4 integrity check value and of each packet's AuthCode. */
    final int icvLength;

    CipherSuite(int id, int authentication, int integrity, String mac, int macLength, int icvLength) {
        this.id = id;
        this.authentication = authentication;
        this.integrity = integrity;
        this.mac = mac;
        this.macLength = macLength;
        this.icvLength = icvLength;
    }

    /** The suite ipmitool's {@code -C n} names; IllegalArgumentException for one this client lacks. */
    public static CipherSuite of(int id) {
        for (CipherSuite suite : values()) {
            if (suite.id == id) {
                return suite;
            }
        }
        throw new IllegalArgumentException("cipher suite " + id + " is not supported by the native client (3 or 17)");
    }
}
