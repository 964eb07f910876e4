package org.metalvirt.shim.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metalvirt.shim.testing.Pki;

/** libvirt's DN string (certificate order) and glib's globs, as tls_allowed_dn_list uses them. */
class DistinguishedNameTest {

    @Test
    void aClientDnReadsInTheCertificatesOrder() {
        Pki pki = Pki.shared();
        String dn =
                DistinguishedName.of(Pem.certificates(pki.dir("client").resolve("clientcert.pem"), "client certificate")
                        .get(0));

        assertEquals("C=GB,O=metalvirt test,CN=client1", dn);
    }

    @Test
    void globsMatchTheWholeString() {
        assertTrue(Glob.matches("C=GB,O=metalvirt test,CN=client*", "C=GB,O=metalvirt test,CN=client1"));
        assertTrue(Glob.matches("C=??,*", "C=GB,O=x"));
        assertFalse(Glob.matches("CN=client1,O=metalvirt test,C=GB", "C=GB,O=metalvirt test,CN=client1"));
        assertFalse(Glob.matches("C=GB", "C=GB,O=x"));
    }
}
