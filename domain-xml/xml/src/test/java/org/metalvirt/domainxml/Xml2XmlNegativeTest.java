package org.metalvirt.domainxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * Each fixture under {@code xml2xml-negative/} is refused, at define (parse) or when mapped onto
 * the node (plan), with exactly the error in {@code NAME.error}: {@code CODE|message}, CODE
 * being the libvirt error's name here (its number is in {@link ErrorNumber}).
 */
class Xml2XmlNegativeTest {

    private static final String DIR = "xml2xml-negative";

    static Stream<String> fixtures() {
        return Fixtures.names(DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void isRefusedWithTheExpectedError(String name) {
        String xml = Fixtures.read(DIR, name + ".xml").orElseThrow();
        String[] expected =
                Fixtures.read(DIR, name + ".error").orElseThrow().strip().split("\\|", 2);

        VirtException e = assertThrows(
                VirtException.class, () -> DomainXml.plan(DomainXml.parse(xml), Fixtures.NODE, Fixtures.LIMITS), name);

        assertEquals(ErrorNumber.valueOf(expected[0]), e.number(), e.getMessage());
        assertEquals(expected[1], e.getMessage());
    }
}
