package org.metalvirt.shim.xdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/** The codec follows XDR as libvirt's rpcgen code does, and refuses input that breaks it. */
class XdrTest {

    record Scalars(int i, long hyper, double d) {}

    record Text(String s) {}

    record Pointer(Optional<String> name, int flags) {}

    record Bounded(@Max(2) List<Integer> items) {}

    record Strings(@Max(3) List<@Max(5) String> names) {}

    record Model(@Chars(value = 4, fixed = true) String model) {}

    record Label(@Chars(8) String label) {}

    record Id(UUID uuid, @Fixed(3) byte[] raw) {}

    record Blob(@Max(16) byte[] data) {}

    sealed interface Value permits IntValue, StringValue {}

    @Arm(1)
    record IntValue(int value) implements Value {}

    @Arm(7)
    record StringValue(String value) implements Value {}

    record Param(String field, Value value) {}

    enum Colour implements XdrEnum {
        RED(3),
        BLUE(9);

        private final int value;

        Colour(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }

    record Paint(Colour colour) {}

    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive");
            }
        }
    }

    @Test
    void scalarsAreBigEndianIntsHypersAndDoubles() {
        byte[] bytes = Xdr.encode(Scalars.class, new Scalars(-2, 1L << 40, 1.5));

        assertEquals("fffffffe" + "0000010000000000" + "3ff8000000000000", hex(bytes));
        assertEquals(new Scalars(-2, 1L << 40, 1.5), Xdr.decode(Scalars.class, bytes));
    }

    @Test
    void stringsCarryTheirLengthAndArePaddedToFourBytes() {
        byte[] bytes = Xdr.encode(Text.class, new Text("qemu"));
        byte[] padded = Xdr.encode(Text.class, new Text("abcde"));

        assertEquals("00000004" + "71656d75", hex(bytes));
        assertEquals("00000005" + "6162636465" + "000000", hex(padded));
        assertEquals(new Text("abcde"), Xdr.decode(Text.class, padded));
    }

    @Test
    void multiByteStringsCountBytesNotCharacters() {
        byte[] bytes = Xdr.encode(Text.class, new Text("é"));

        assertEquals("00000002" + "c3a90000", hex(bytes));
        assertEquals(new Text("é"), Xdr.decode(Text.class, bytes));
    }

    @Test
    void optionalPointersAreAPresenceWordThenTheValue() {
        assertEquals(
                "00000001" + "0000000e" + hex("qemu:///system".getBytes()) + "0000" + "00000000",
                hex(Xdr.encode(Pointer.class, new Pointer(Optional.of("qemu:///system"), 0))));
        assertEquals("00000000" + "00000001", hex(Xdr.encode(Pointer.class, new Pointer(Optional.empty(), 1))));
        assertEquals(
                new Pointer(Optional.empty(), 1),
                Xdr.decode(Pointer.class, HexFormat.of().parseHex("0000000000000001")));
    }

    @Test
    void aPointerFlagOtherThanZeroOrOneIsMalformed() {
        assertMalformed(() -> Xdr.decode(Pointer.class, HexFormat.of().parseHex("0000000200000001")));
    }

    @Test
    void variableArraysAreACountThenTheElements() {
        byte[] bytes = Xdr.encode(Strings.class, new Strings(List.of("a", "bcdef")));

        assertEquals("00000002" + "00000001" + "61000000" + "00000005" + "6263646566000000", hex(bytes));
        assertEquals(new Strings(List.of("a", "bcdef")), Xdr.decode(Strings.class, bytes));
    }

    @Test
    void arraysBeyondTheirDeclaredBoundAreRefusedBothWays() {
        assertMalformed(() -> Xdr.encode(Bounded.class, new Bounded(List.of(1, 2, 3))));
        assertMalformed(() -> Xdr.decode(Bounded.class, HexFormat.of().parseHex("00000003000000010000000200000003")));
    }

    @Test
    void stringsBeyondTheirDeclaredBoundAreRefusedBothWays() {
        assertMalformed(() -> Xdr.encode(Strings.class, new Strings(List.of("toolong"))));
        assertMalformed(
                () -> Xdr.decode(Strings.class, HexFormat.of().parseHex("00000001" + "00000006" + "6162636465660000")));
    }

    @Test
    void aHostileCountIsRefusedBeforeAnythingIsAllocated() {
        // A count of 2^31-1 in a 12-byte payload: refused from the remaining length alone.
        assertMalformed(() -> Xdr.decode(Blob.class, HexFormat.of().parseHex("7fffffff00000000")));
        assertMalformed(() -> Xdr.decode(Text.class, HexFormat.of().parseHex("003fffff00000000")));
        assertMalformed(() -> Xdr.decode(Text.class, HexFormat.of().parseHex("ffffffff00000000")));
    }

    @Test
    void fixedCharArraysTakeFourBytesPerCharNulPadded() {
        byte[] bytes = Xdr.encode(Model.class, new Model("ab"));

        assertEquals("00000061" + "00000062" + "00000000" + "00000000", hex(bytes));
        assertEquals(new Model("ab"), Xdr.decode(Model.class, bytes));
    }

    @Test
    void variableCharArraysCountTheTerminatingNul() {
        byte[] empty = Xdr.encode(Label.class, new Label(""));
        byte[] none = Xdr.encode(Label.class, new Label("none"));

        assertEquals("00000001" + "00000000", hex(empty));
        assertEquals("00000005" + "0000006e0000006f0000006e00000065" + "00000000", hex(none));
        assertEquals(new Label("none"), Xdr.decode(Label.class, none));
    }

    @Test
    void uuidsAreSixteenRawBytesAndFixedOpaqueIsPadded() {
        UUID uuid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        byte[] bytes = Xdr.encode(Id.class, new Id(uuid, new byte[] {1, 2, 3}));

        assertEquals("00112233445566778899aabbccddeeff" + "01020300", hex(bytes));
        Id decoded = Xdr.decode(Id.class, bytes);
        assertEquals(uuid, decoded.uuid());
        assertArrayEquals(new byte[] {1, 2, 3}, decoded.raw());
    }

    @Test
    void variableOpaqueIsACountThenPaddedBytes() {
        byte[] bytes = Xdr.encode(Blob.class, new Blob(new byte[] {9, 8, 7, 6, 5}));

        assertEquals("00000005" + "0908070605000000", hex(bytes));
        assertArrayEquals(
                new byte[] {9, 8, 7, 6, 5}, Xdr.decode(Blob.class, bytes).data());
    }

    @Test
    void unionsAreTheDiscriminantThenTheArm() {
        byte[] number = Xdr.encode(Param.class, new Param("x", new IntValue(5)));
        byte[] text = Xdr.encode(Param.class, new Param("y", new StringValue("z")));

        assertEquals("00000001" + "78000000" + "00000001" + "00000005", hex(number));
        assertEquals("00000001" + "79000000" + "00000007" + "00000001" + "7a000000", hex(text));
        assertEquals(new Param("y", new StringValue("z")), Xdr.decode(Param.class, text));
    }

    @Test
    void anUnknownUnionArmIsMalformed() {
        assertMalformed(() ->
                Xdr.decode(Param.class, HexFormat.of().parseHex("00000001" + "78000000" + "00000002" + "00000005")));
    }

    @Test
    void enumsTravelAsTheirDeclaredValuesNotTheirOrdinals() {
        assertEquals("00000009", hex(Xdr.encode(Paint.class, new Paint(Colour.BLUE))));
        assertEquals(
                new Paint(Colour.RED), Xdr.decode(Paint.class, HexFormat.of().parseHex("00000003")));
        assertMalformed(() -> Xdr.decode(Paint.class, HexFormat.of().parseHex("00000000")));
    }

    @Test
    void voidIsNoBytesAtAll() {
        assertEquals(0, Xdr.encode(Void.class, null).length);
        assertEquals(null, Xdr.decode(Void.class, new byte[0]));
    }

    @Test
    void truncatedPayloadsAreMalformed() {
        assertMalformed(() -> Xdr.decode(Scalars.class, HexFormat.of().parseHex("0000000100")));
    }

    @Test
    void trailingBytesAreMalformed() {
        VirtException e = assertMalformed(() -> Xdr.decode(Void.class, new byte[4]));
        assertTrue(e.getMessage().contains("4 trailing bytes"), e.getMessage());
    }

    @Test
    void valuesTheRecordRefusesAreMalformedInput() {
        assertMalformed(() -> Xdr.decode(Positive.class, HexFormat.of().parseHex("00000000")));
    }

    @Test
    void listsWithoutADeclaredBoundAreAProgrammingError() {
        record Unbounded(List<Integer> items) {}
        assertThrows(IllegalArgumentException.class, () -> Xdr.encode(Unbounded.class, new Unbounded(List.of())));
    }

    private static VirtException assertMalformed(org.junit.jupiter.api.function.Executable call) {
        VirtException e = assertThrows(VirtException.class, call);
        assertEquals(ErrorNumber.RPC, e.number());
        assertEquals(ErrorDomain.RPC, e.domain());
        return e;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
