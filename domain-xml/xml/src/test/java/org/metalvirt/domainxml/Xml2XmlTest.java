package org.metalvirt.domainxml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fixture under {@code xml2xml/} is what an agent sends for a server: it parses, formats
 * back as itself (or as {@code NAME.out.xml} where define normalises it, see
 * shim/docs/domain-xml.md), defines again unchanged, and maps onto the node as {@code NAME.plan} says.
 */
class Xml2XmlTest {

    private static final String DIR = "xml2xml";

    static Stream<String> fixtures() {
        return Fixtures.names(DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void formatsBackAsDefined(String name) {
        String input = Fixtures.read(DIR, name + ".xml").orElseThrow();
        String expected = Fixtures.read(DIR, name + ".out.xml").orElse(input);

        DomainDefinition definition = DomainXml.parse(input);

        assertEquals(expected, definition.xml());
        assertEquals(definition.xml(), DomainXml.parse(definition.xml()).xml(), "a second define changes nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void mapsOntoTheNodeAsPlanned(String name) {
        DomainDefinition definition =
                DomainXml.parse(Fixtures.read(DIR, name + ".xml").orElseThrow());

        NodePlan plan = DomainXml.plan(definition, Fixtures.NODE, Fixtures.LIMITS);

        assertEquals(Fixtures.read(DIR, name + ".plan").orElseThrow(), Fixtures.render(plan));
    }
}
