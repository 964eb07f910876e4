package org.metalvirt.domainxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.xml.XmlReader;

/** The one negative case too big to keep as a fixture file. */
class HardeningTest {

    @Test
    void aDocumentLargerThanTheLimitIsRefusedBeforeItIsRead() {
        String xml = "<domain type='kvm'><description>" + "x".repeat(XmlReader.MAX_CHARS) + "</description></domain>";

        VirtException e = assertThrows(VirtException.class, () -> DomainXml.parse(xml));

        assertEquals(ErrorNumber.XML_ERROR, e.number());
        assertEquals("XML error: document of 4194359 characters exceeds the limit of 4194304", e.getMessage());
    }
}
