package org.metalvirt.hostxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.SystemIdentity;
import org.w3c.dom.Document;

class SysinfoXmlTest {

    @Test
    void firmwareStringsAreEscapedAndReadBackUnchanged() throws Exception {
        UUID uuid = UUID.randomUUID();
        NodeInventory node = NodeInventory.symmetric(
                "aarch64",
                new CpuTopology("ARM", "cortex-a72", 2000, 1, 16, 1),
                1,
                32L * 1024 * 1024,
                new SystemIdentity(uuid, "Smith & Sons <Servers>", "P'1\"", "SN-42", "EDK2", "1.0"));

        String xml = SysinfoXml.format(node);
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        var xpath = XPathFactory.newInstance().newXPath();
        assertEquals("smbios", xpath.evaluate("/sysinfo/@type", doc));
        assertEquals("Smith & Sons <Servers>", xpath.evaluate("/sysinfo/system/entry[@name='manufacturer']", doc));
        assertEquals("P'1\"", xpath.evaluate("/sysinfo/system/entry[@name='product']", doc));
        assertEquals("SN-42", xpath.evaluate("/sysinfo/system/entry[@name='serial']", doc));
        assertEquals(uuid.toString(), xpath.evaluate("/sysinfo/system/entry[@name='uuid']", doc));
        assertTrue(xml.endsWith("</sysinfo>\n"));
    }
}
