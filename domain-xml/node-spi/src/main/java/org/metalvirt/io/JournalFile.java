package org.metalvirt.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * One of a {@link DurableDirectory}'s two write-ahead journal files. Written once with zeros when
 * made, then only overwritten in place: appending a record changes no size and allocates no block,
 * so making it durable is an {@code fdatasync} that writes data only, with no file-system journal
 * commit to wait for (on ext4 a tenth to a hundredth of a new file's create, fsync, rename and
 * directory fsync, and unaffected by other writers' metadata).
 *
 * <p>A 32-byte header names the file's use: a generation (which of the two files is newer) and a
 * random epoch. Each record after it is its payload's length, a CRC32C of epoch, length and
 * payload, the epoch, then the payload. Reading stops at the first record that does not check:
 * a torn or never-written tail, or a record of an earlier use of the file (another epoch). A
 * zeroed header is a file with nothing to replay.
 */
final class JournalFile implements AutoCloseable {

    static final int HEADER = 32;
    private static final int RECORD_HEADER = 16;
    private static final int MAGIC = 0x4d564a31; // "MVJ1"
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final int ZEROS = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** A change a record holds: {@code content} null is a removal. */
    record Change(String name, byte[] content) {}

    /** What a file holds to replay, oldest generation first when sorted. */
    record Contents(long generation, List<Change> changes) {}

    private final FileChannel channel;
    private long generation;
    private long epoch;
    private long end = HEADER;

    private JournalFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens {@code file}, made {@code capacity} bytes of zeros (and forced, with its directory) if missing. */
    static JournalFile open(Path file, int capacity) throws IOException {
        make(file, capacity);
        return new JournalFile(FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    /**
     * Makes {@code file} of {@code capacity} zeros, forced with its directory, unless it exists. One
     * thread at a time in the process: a directory's preparation ({@link DurableDirectory}) may race
     * with its first change, or with an instance reopening it.
     */
    static synchronized void make(Path file, int capacity) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Path part = file.resolveSibling(AtomicFiles.TEMP_PREFIX + file.getFileName());
        Files.deleteIfExists(part);
        try (FileChannel made = FileChannel.open(
                part, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY)) {
            // A small direct buffer written again and again: a heap one as large as the file would
            // leave the JDK's per-thread copy of it, 512 KiB, resident for the thread's life.
            ByteBuffer zeros = ByteBuffer.allocateDirect(ZEROS);
            for (long at = 0; at < capacity; at += ZEROS) {
                zeros.clear().limit((int) Math.min(ZEROS, capacity - at));
                while (zeros.hasRemaining()) {
                    made.write(zeros);
                }
            }
            made.force(true);
        }
        Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(file.getParent());
    }

    /** Where the next record goes; past the capacity the file grows (slower to force, still correct). */
    long end() {
        return end;
    }

    boolean isEmpty() {
        return end == HEADER;
    }

    /**
     * Starts a new use of the file: records of an earlier use no longer read. Its header is written
     * with the first record (durable with the next force): a file begun and left empty stays retired.
     */
    void begin(long generation) {
        this.generation = generation;
        epoch = RANDOM.nextLong();
        end = HEADER;
    }

    /** Appends one change; durable once {@link #force()} is called after it. */
    void append(String name, byte[] content) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 0xffff) {
            throw new IOException("a file name of " + nameBytes.length + " bytes");
        }
        int length = 3 + nameBytes.length + (content == null ? 0 : content.length);
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER + length);
        record.putInt(length).putInt(0).putLong(epoch);
        record.put(content == null ? DELETE : PUT)
                .putShort((short) nameBytes.length)
                .put(nameBytes);
        if (content != null) {
            record.put(content);
        }
        record.putInt(4, recordCrc(record.array(), length));
        if (end == HEADER) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            header.putInt(MAGIC).putInt(0).putLong(generation).putLong(epoch);
            header.putInt(4, crc(header.array(), 8, 16));
            writeFully(header.rewind(), 0);
        }
        writeFully(record.rewind(), end);
        end += record.capacity();
    }

    /** fdatasync: the records' bytes, no metadata unless the file grew. */
    void force() throws IOException {
        channel.force(false);
    }

    /** Marks the file as holding nothing to replay, durably; its records are all applied elsewhere. */
    void retire() throws IOException {
        writeFully(ByteBuffer.allocate(HEADER), 0);
        channel.force(false);
        end = HEADER;
    }

    /** The changes to replay, in order; empty when the header is zero or does not check. */
    Contents read() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(header, 0);
        byte[] h = header.array();
        if (header.getInt(0) != MAGIC || header.getInt(4) != crc(h, 8, 16)) {
            return new Contents(0, List.of());
        }
        long fileEpoch = header.getLong(16);
        List<Change> changes = new ArrayList<>();
        long position = HEADER;
        long size = channel.size();
        ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER);
        while (position + RECORD_HEADER <= size) {
            readFully(recordHeader.clear(), position);
            int length = recordHeader.getInt(0);
            if (length < 3 || length > size - position - RECORD_HEADER || recordHeader.getLong(8) != fileEpoch) {
                break;
            }
            ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER + length).put(recordHeader.rewind());
            readFully(record, position + RECORD_HEADER);
            if (recordHeader.getInt(4) != recordCrc(record.array(), length)) {
                break;
            }
            changes.add(change(record.position(RECORD_HEADER), length));
            position += RECORD_HEADER + length;
        }
        return new Contents(header.getLong(8), changes);
    }

    private static Change change(ByteBuffer payload, int length) {
        byte kind = payload.get();
        int nameLength = Short.toUnsignedInt(payload.getShort());
        String name = new String(payload.array(), payload.position(), nameLength, StandardCharsets.UTF_8);
        payload.position(payload.position() + nameLength);
        byte[] content = new byte[length - 3 - nameLength];
        payload.get(content);
        return new Change(name, kind == PUT ? content : null);
    }

    /** The CRC of a record: its epoch, length and payload (the bytes after the CRC field). */
    private static int recordCrc(byte[] record, int length) {
        CRC32C crc = new CRC32C();
        crc.update(record, 8, 8 + length);
        crc.update(record, 0, 4);
        return (int) crc.getValue();
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private void writeFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("journal ends inside a record it was checked to hold");
            }
            at += read;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
