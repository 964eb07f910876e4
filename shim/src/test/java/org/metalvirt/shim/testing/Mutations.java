package org.metalvirt.shim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs for the bounded fuzz tests: seeds (golden packets, fixtures) changed a few times each
 * the way fuzzers change them — bits flipped, XDR counts and lengths set to their edges, ranges
 * cut, repeated or spliced with dictionary tokens — plus some bytes with no seed at all. A
 * failure names the seed and the random number of its edits, so jqwik replays it exactly.
 */
public final class Mutations {

    /** Four-byte values at the edges of what an XDR length, count or discriminant may be. */
    private static final int[] EDGES = {
        0,
        1,
        -1,
        2,
        3,
        4,
        0x7f,
        0x80,
        0xff,
        0x100,
        0x7fff,
        0x8000,
        0xffff,
        0x10000,
        65536 + 1,
        0x400000,
        0x400001,
        0x2000000,
        0x7fffffff,
        0x80000000,
        0x7ffffffc
    };

    private Mutations() {}

    /** The seeds, each edited one to eight times, or random bytes. */
    public static Arbitrary<byte[]> of(List<byte[]> seeds, List<String> dictionary) {
        List<byte[]> tokens = dictionary.stream()
                .map(token -> token.getBytes(StandardCharsets.UTF_8))
                .toList();
        Arbitrary<byte[]> mutated = Combinators.combine(
                        Arbitraries.of(seeds), Arbitraries.integers().between(1, 8), Arbitraries.longs())
                .as((seed, edits, random) -> mutate(seed, edits, new Random(random), tokens));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(256);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of(seeds)),
                net.jqwik.api.Tuple.of(16, mutated),
                net.jqwik.api.Tuple.of(2, noise));
    }

    /** Text inputs: the byte mutations read back as UTF-8 (invalid sequences become U+FFFD, as a client's would). */
    public static Arbitrary<String> text(List<String> seeds, List<String> dictionary) {
        return of(seeds.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), dictionary)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    static byte[] mutate(byte[] seed, int edits, Random random, List<byte[]> tokens) {
        byte[] data = seed.clone();
        for (int i = 0; i < edits; i++) {
            data = edit(data, random, tokens);
        }
        return data;
    }

    private static byte[] edit(byte[] data, Random random, List<byte[]> tokens) {
        int at = data.length == 0 ? 0 : random.nextInt(data.length);
        switch (random.nextInt(tokens.isEmpty() ? 7 : 8)) {
            case 0 -> {
                if (data.length > 0) {
                    data[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int aligned = at & ~3;
                if (aligned + 4 <= data.length) {
                    int value = EDGES[random.nextInt(EDGES.length)];
                    data[aligned] = (byte) (value >>> 24);
                    data[aligned + 1] = (byte) (value >>> 16);
                    data[aligned + 2] = (byte) (value >>> 8);
                    data[aligned + 3] = (byte) value;
                }
            }
            case 2 -> data = Arrays.copyOf(data, at);
            case 3 -> {
                int length = Math.min(data.length - at, 1 + random.nextInt(16));
                data = splice(data, at, length, new byte[0]);
            }
            case 4 -> {
                int length = Math.min(data.length - at, 1 + random.nextInt(64));
                data = splice(data, at, 0, Arrays.copyOfRange(data, at, at + length));
            }
            case 5 -> {
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                data = splice(data, at, 0, noise);
            }
            case 6 -> {
                if (data.length > 0) {
                    data[at] =
                            (byte) new int[] {0, 0xff, 0x7f, 0x80, 0xc0, '<', '>', '&', '\'', '"'}[random.nextInt(10)];
                }
            }
            default -> data = splice(data, at, 0, tokens.get(random.nextInt(tokens.size())));
        }
        return data;
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        byte[] out = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
        return out;
    }

    /** The files of a test resource directory whose names end with {@code suffix}, as bytes. */
    public static List<byte[]> resources(String dir, String suffix) {
        return names(dir, suffix).stream()
                .map(name -> read(resourceDir(dir).resolve(name)))
                .toList();
    }

    /** The names of the files of a test resource directory that end with {@code suffix}, sorted. */
    public static List<String> names(String dir, String suffix) {
        try (Stream<Path> files = Files.list(resourceDir(dir))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resourceDir(String dir) {
        try {
            return Path.of(Mutations.class.getResource("/" + dir).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
