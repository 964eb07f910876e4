package org.metalvirt.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeOptionsTest {

    enum Mode {
        @JsonProperty("fast")
        FAST,
        @JsonProperty("slow")
        SLOW
    }

    record Link(String name, @Range(max = 63) Integer line) {}

    record Board(Mode mode, @Range(min = 50) Long pulseMillis, Boolean activeLow, Link link, Map<String, String> bmc) {}

    private final NodeOptions options = new NodeOptions("test", NodeOptions.Wording.PLAIN);

    @Test
    void dottedKeysFillGroupsAndMapsTakeEveryKeyUnderTheirName() {
        Board board = options.bind(
                Map.of("mode", "slow", "pulseMillis", " 200 ", "link.line", "3", "bmc.address", "h", "bmc.port", "623"),
                Board.class);

        assertEquals(new Board(Mode.SLOW, 200L, null, new Link(null, 3), Map.of("address", "h", "port", "623")), board);
    }

    @Test
    void absentGroupsAreEmptyNotNull() {
        Board board = options.bind(Map.of(), Board.class);

        assertNull(board.link().line());
    }

    @Test
    void anOptionWithoutAValueIsAbsent() {
        Map<String, String> given = new HashMap<>();
        given.put("pulseMillis", null);

        assertNull(options.bind(given, Board.class).pulseMillis());
    }

    @Test
    void eachProblemNamesTheKey() {
        assertEquals(
                "unknown test option 'link.colour' (known: mode, pulseMillis, activeLow, link.name, link.line, "
                        + "bmc.*)",
                refusal(Map.of("link.colour", "red")));
        assertEquals(
                "unknown test option 'link' (known: mode, pulseMillis, activeLow, link.name, link.line, bmc.*)",
                refusal(Map.of("link", "x", "link.line", "2")));
        assertEquals("test option 'mode' must be one of fast, slow, got medium", refusal(Map.of("mode", "medium")));
        assertEquals("test option 'pulseMillis' not a number: 1.5", refusal(Map.of("pulseMillis", "1.5")));
        assertEquals("test option 'pulseMillis' must be at least 50, got 10", refusal(Map.of("pulseMillis", "10")));
        assertEquals("test option 'link.line' must be between 0 and 63, got 64", refusal(Map.of("link.line", "64")));
        assertEquals("test option 'activeLow' not true or false: ", refusal(Map.of("activeLow", "")));
    }

    @Test
    void theColonWordingPutsTheValueAfterAColon() {
        NodeOptions colon = new NodeOptions("sim", NodeOptions.Wording.COLON);

        assertEquals(
                "sim option 'pulseMillis': must be at least 50: 10",
                assertThrows(IllegalArgumentException.class, () -> colon.bind(Map.of("pulseMillis", "10"), Board.class))
                        .getMessage());
    }

    @Test
    void aRequiredOptionMustBeGivenAndNotBlank() {
        assertEquals("x", options.required("name", "x"));
        assertEquals(
                "test option 'name' is required",
                assertThrows(IllegalArgumentException.class, () -> options.required("name", " "))
                        .getMessage());
    }

    enum Override {
        Once,
        Continuous
    }

    record Named(Override override, Integer count, Boolean on, Link link) {}

    @Test
    void valuesAreReadAsTheyAlwaysWere() {
        assertEquals(
                new Named(Override.Continuous, 5, true, new Link(null, null)),
                options.bind(Map.of("override", "Continuous", "count", "+5", "on", "TRUE"), Named.class));
        assertEquals(
                new Named(null, null, null, new Link(null, null)),
                options.bind(Map.of("count", "null", "on", "null"), Named.class),
                "the text null is an absent number or boolean");
        assertEquals(
                Boolean.FALSE, options.bind(Map.of("on", "False"), Named.class).on());
        assertEquals(
                "x", options.bind(Map.of("link.name", "x"), Named.class).link().name());
    }

    @Test
    void anEnumIsNamedNotNumbered() {
        assertEquals("test option 'mode' must be one of fast, slow, got 0", refusal(Map.of("mode", "0")));
        assertEquals(
                "test option 'override' must be one of Once, Continuous, got once",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> options.bind(Map.of("override", "once"), Named.class))
                        .getMessage());
    }

    @Test
    void aBadValueIsReportedBeforeAnUnknownKeyOfItsGroup() {
        assertEquals("test option 'pulseMillis' not a number: x", refusal(Map.of("nope", "1", "pulseMillis", "x")));
        assertEquals(
                "test option 'link.line' not a number: x", refusal(Map.of("link.colour", "red", "link.line", "x")));
        assertEquals(
                "unknown test option 'link.colour' (known: mode, pulseMillis, activeLow, link.name, link.line, bmc.*)",
                refusal(Map.of("link.colour", "red", "pulseMillis", "x")),
                "a group is bound, and refused, before the options after it");
    }

    private String refusal(Map<String, String> given) {
        return assertThrows(IllegalArgumentException.class, () -> options.bind(given, Board.class))
                .getMessage();
    }
}
