package org.metalvirt.domainxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.BootDevice;

/** Domain XML as the daemon needs it: read, normalised, returned as given. */
class DomainXmlTest {

    private static final String UUID_TEXT = "c7a5fdbd-cdaf-9455-926a-d65c16db1809";

    private static final String MINIMAL = """
            <domain type='kvm'>
              <name>web-1</name>
              <uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>
              <memory unit='GiB'>4</memory>
              <vcpu placement='static' current='2'>4</vcpu>
              <os>
                <type arch='x86_64' machine='q35'>hvm</type>
                <boot dev='network'/>
                <boot dev='hd'/>
              </os>
              <devices>
                <graphics type='vnc' port='-1'/>
              </devices>
            </domain>
            """;

    @Test
    void readsWhatTheDaemonNeeds() {
        DomainDefinition definition = DomainXml.parse(MINIMAL);

        assertEquals("kvm", definition.type());
        assertEquals("web-1", definition.name());
        assertEquals(UUID.fromString(UUID_TEXT), definition.uuid());
        assertEquals(4L * 1024 * 1024, definition.memoryKiB());
        assertEquals(4L * 1024 * 1024, definition.currentMemoryKiB());
        assertEquals(4, definition.maxVcpus());
        assertEquals(2, definition.vcpus());
        assertEquals("hvm", definition.osType());
        assertEquals(Optional.of("x86_64"), definition.arch());
        assertEquals(List.of(BootDevice.NETWORK, BootDevice.DISK), definition.bootOrder());
    }

    @Test
    void whatTheModelDoesNotKnowIsReturnedAsGiven() {
        assertEquals(MINIMAL, DomainXml.parse(MINIMAL).xml());
    }

    @Test
    void aMissingUuidIsGeneratedAndWrittenAfterTheName() {
        DomainDefinition definition = DomainXml.parse(MINIMAL.replace("  <uuid>" + UUID_TEXT + "</uuid>\n", ""));

        assertTrue(
                definition.xml().contains("<name>web-1</name>\n  <uuid>" + definition.uuid() + "</uuid>"),
                definition.xml());
    }

    @Test
    void theLiveXmlCarriesTheIdRightAfterTheType() {
        String live = DomainXml.live(DomainXml.parse(MINIMAL), OptionalInt.of(7));

        assertTrue(live.startsWith("<domain type='kvm' id='7'>\n"), live);
    }

    @Test
    void aDefinedIdIsDropped() {
        assertTrue(DomainXml.parse(MINIMAL.replace("type='kvm'", "type='kvm' id='3'"))
                .xml()
                .startsWith("<domain type='kvm'>"));
    }

    @Test
    void everyLibvirtMemoryUnitIsUnderstoodAndRoundedUpToKiB() {
        assertEquals(1, memory("1", "b"));
        assertEquals(1, memory("1000", "bytes"));
        assertEquals(977, memory("1000", "KB"));
        assertEquals(1000, memory("1000", "k"));
        assertEquals(1024, memory("1", "MiB"));
        assertEquals(977, memory("1", "MB"));
        assertEquals(2L * 1024 * 1024, memory("2", "G"));
        assertEquals(1024L * 1024 * 1024, memory("1", "TiB"));
        assertEquals(512, memory("512", null));
    }

    @Test
    void anUnknownUnitIsAnXmlErrorNamingIt() {
        VirtException e = assertThrows(VirtException.class, () -> memory("1", "parsecs"));

        assertEquals(ErrorNumber.XML_ERROR, e.number());
        assertEquals("XML error: <memory>: unknown unit 'parsecs'", e.getMessage());
    }

    @Test
    void theMetadataNamesTheNode() {
        DomainDefinition definition = DomainXml.parse(MINIMAL.replace("<devices>", """
                <metadata>
                    <mv:node xmlns:mv='https://metalvirt.org/xmlns/domain/1'>rack1-node3</mv:node>
                  </metadata>
                  <devices>"""));

        assertEquals(Optional.of("rack1-node3"), definition.node());
    }

    @Test
    void titleAndDescriptionAreSetAfterTheUuidAndRemovedWhenEmpty() {
        DomainDefinition titled = DomainXml.withText(DomainXml.parse(MINIMAL), true, Optional.of("Web & DB"));
        DomainDefinition described = DomainXml.withText(titled, false, Optional.of("rack 4, slot 2"));

        assertEquals(Optional.of("Web & DB"), described.title());
        assertEquals(Optional.of("rack 4, slot 2"), described.description());
        assertTrue(
                described.xml().contains("</uuid>\n  <title>Web &amp; DB</title>\n  <description>rack 4, slot 2"),
                described.xml());
        assertEquals(
                Optional.empty(),
                DomainXml.withText(described, true, Optional.of("")).title());
    }

    @Test
    void metadataElementsAreStoredInTheirNamespaceAndReadBack() {
        DomainDefinition withApp = DomainXml.withMetadata(
                DomainXml.parse(MINIMAL),
                "http://app.example/1",
                Optional.of("app"),
                Optional.of("<owner><team>infra</team></owner>"));

        assertEquals(
                Optional.of("<app:owner xmlns:app='http://app.example/1'>\n  <app:team>infra</app:team>\n</app:owner>"),
                DomainXml.metadata(withApp, "http://app.example/1"));
        DomainDefinition removed =
                DomainXml.withMetadata(withApp, "http://app.example/1", Optional.empty(), Optional.empty());
        assertEquals(Optional.empty(), DomainXml.metadata(removed, "http://app.example/1"));
        assertEquals(MINIMAL, removed.xml());
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityCanBeExpanded() {
        String xxe = "<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
                + "<domain type='kvm'><name>&x;</name></domain>";

        VirtException e = assertThrows(VirtException.class, () -> DomainXml.parse(xxe));
        assertEquals(ErrorNumber.XML_ERROR, e.number());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void malformedXmlIsAnErrorWithLineAndColumn() {
        VirtException e = assertThrows(
                VirtException.class, () -> DomainXml.parse("<domain type='kvm'>\n  <name>x</nam>\n</domain>"));

        assertEquals(ErrorNumber.XML_ERROR, e.number());
        assertTrue(e.getMessage().startsWith("XML error: line 2, column "), e.getMessage());
    }

    @Test
    void aNameWithASlashIsRefused() {
        VirtException e = assertThrows(VirtException.class, () -> DomainXml.parse(MINIMAL.replace("web-1", "web/1")));

        assertEquals("XML error: name web/1 cannot contain '/'", e.getMessage());
    }

    @Test
    void memoryIsRequired() {
        VirtException e = assertThrows(
                VirtException.class, () -> DomainXml.parse(MINIMAL.replace("  <memory unit='GiB'>4</memory>\n", "")));

        assertEquals(ErrorNumber.XML_ERROR, e.number());
    }

    @Test
    void moreCurrentVcpusThanTheMaximumIsRefused() {
        assertThrows(VirtException.class, () -> DomainXml.parse(MINIMAL.replace("current='2'", "current='8'")));
    }

    private static long memory(String value, String unit) {
        String element =
                unit == null ? "<memory>" + value + "</memory>" : "<memory unit='" + unit + "'>" + value + "</memory>";
        return DomainXml.parse(MINIMAL.replace("<memory unit='GiB'>4</memory>", element))
                .memoryKiB();
    }
}
