package org.metalvirt.shim.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.error.VirtException;
import org.metalvirt.networkxml.NetworkXml;
import org.metalvirt.shim.testing.Mutations;

/**
 * Bounded fuzzing of the domain and network XML readers, seeded with the fixtures: any document
 * is a definition or libvirt's error ({@link VirtException}: XML error, unsupported
 * configuration…), never another failure, an entity expanded or a stack overflow.
 */
class XmlReadersFuzzTest {

    /** Tokens a fuzzer splices into XML: entities, DTDs, CDATA, deep nesting, edge numbers. */
    static final List<String> XML_TOKENS = List.of(
            "<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
            "<!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>",
            "&e;",
            "&b;",
            "<![CDATA[x]]>",
            "]]>",
            "&#0;",
            "&#x110000;",
            "&#xD800;",
            "<?xml version='1.0' encoding='UTF-16'?>",
            "<a>".repeat(200),
            "</devices>",
            "<devices>",
            "<disk type='network' device='disk'><source protocol='rbd' name='p/v'/><target dev='vdzz'/></disk>",
            "<interface type='hostdev'><mac address='52:54:00:00:00:00'/></interface>",
            "<hostdev mode='subsystem' type='pci'><source><address domain='0xffff' bus='0xff' slot='0x1f' "
                    + "function='0x7'/></source></hostdev>",
            "<memory unit='EiB'>99999999999999999999</memory>",
            "<vcpu placement='static'>-1</vcpu>",
            "<uuid>00000000-0000-0000-0000-00000000000g</uuid>",
            "<name></name>",
            " xmlns:x='urn:x'",
            "<x:y/>",
            "<forward mode='hostdev'><pf dev='../../etc'/></forward>",
            "<address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x9'/>",
            "\u0000",
            "\uFFFF");

    @Property
    void anyDomainDocumentIsADefinitionOrLibvirtsError(@ForAll("domains") String xml) {
        try {
            DomainXml.parse(xml);
        } catch (VirtException refused) {
            // libvirt's answer to a bad document
        }
    }

    @Property
    void anyNetworkDocumentIsADefinitionOrLibvirtsError(@ForAll("networks") String xml) {
        try {
            NetworkXml.parse(xml);
        } catch (VirtException refused) {
            // libvirt's answer to a bad document
        }
    }

    @Provide
    Arbitrary<String> domains() {
        List<String> seeds = new ArrayList<>(texts("domains", ".xml"));
        seeds.addAll(texts("fuzz/seeds", "domain.xml"));
        return Mutations.text(seeds, XML_TOKENS);
    }

    @Provide
    Arbitrary<String> networks() {
        return Mutations.text(
                texts("fuzz/seeds", ".xml").stream()
                        .filter(xml -> xml.startsWith("<network"))
                        .toList(),
                XML_TOKENS);
    }

    static List<String> texts(String dir, String suffix) {
        return Mutations.resources(dir, suffix).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .toList();
    }
}
