package org.metalvirt.hostxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.SystemIdentity;
import org.w3c.dom.Document;

/** What Nova parses out of host capabilities must be there, with the server's numbers. */
class CapabilitiesXmlTest {

    private static final UUID SERVER_UUID = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final NodeInventory NODE = NodeInventory.symmetric(
            "x86_64",
            new CpuTopology("Intel", "Skylake-Server", 2400, 2, 4, 2),
            2,
            16L * 1024 * 1024,
            new SystemIdentity(SERVER_UUID, "Acme", "R640", "SN1", "Acme", "2.1"));
    private static final GuestSupport QEMU =
            new GuestSupport(List.of("qemu", "kvm"), Optional.of("/usr/bin/qemu-system-x86_64"), List.of("q35"));

    private final XPath xpath = XPathFactory.newInstance().newXPath();

    @Test
    void hostCpuCarriesArchModelVendorAndPerCellTopology() throws Exception {
        Document caps = parse(CapabilitiesXml.format(NODE, QEMU));

        assertEquals("x86_64", xpath.evaluate("/capabilities/host/cpu/arch", caps));
        assertEquals("Skylake-Server", xpath.evaluate("/capabilities/host/cpu/model", caps));
        assertEquals("Intel", xpath.evaluate("/capabilities/host/cpu/vendor", caps));
        assertEquals("1", xpath.evaluate("/capabilities/host/cpu/topology/@sockets", caps));
        assertEquals("4", xpath.evaluate("/capabilities/host/cpu/topology/@cores", caps));
        assertEquals("2", xpath.evaluate("/capabilities/host/cpu/topology/@threads", caps));
        assertEquals(SERVER_UUID.toString(), xpath.evaluate("/capabilities/host/uuid", caps));
    }

    @Test
    void numaCellsListMemoryAndEveryCpuWithItsSiblings() throws Exception {
        Document caps = parse(CapabilitiesXml.format(NODE, QEMU));

        assertEquals("2", xpath.evaluate("/capabilities/host/topology/cells/@num", caps));
        assertEquals(
                String.valueOf(8L * 1024 * 1024),
                xpath.evaluate("/capabilities/host/topology/cells/cell[@id='1']/memory", caps));
        assertEquals("8", xpath.evaluate("/capabilities/host/topology/cells/cell[@id='1']/cpus/@num", caps));
        assertEquals(16.0, (Double) xpath.evaluate("count(//cell/cpus/cpu)", caps, XPathConstants.NUMBER));
        assertEquals("5,13", xpath.evaluate("//cpu[@id='13']/@siblings", caps));
        assertEquals("1", xpath.evaluate("//cpu[@id='13']/@socket_id", caps));
        assertEquals("21", xpath.evaluate("//cell[@id='0']/distances/sibling[@id='1']/@value", caps));
    }

    @Test
    void guestListsTheConnectionsDomainTypesAndEmulator() throws Exception {
        Document caps = parse(CapabilitiesXml.format(NODE, QEMU));

        assertEquals("hvm", xpath.evaluate("/capabilities/guest/os_type", caps));
        assertEquals("x86_64", xpath.evaluate("/capabilities/guest/arch/@name", caps));
        assertEquals("64", xpath.evaluate("/capabilities/guest/arch/wordsize", caps));
        assertEquals("/usr/bin/qemu-system-x86_64", xpath.evaluate("/capabilities/guest/arch/emulator", caps));
        assertEquals("kvm", xpath.evaluate("/capabilities/guest/arch/domain[2]/@type", caps));
    }

    @Test
    void attributesKeepLibvirtsOrder() {
        String xml = CapabilitiesXml.format(NODE, QEMU);

        assertTrue(xml.contains("<cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0,8'/>"), xml);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
