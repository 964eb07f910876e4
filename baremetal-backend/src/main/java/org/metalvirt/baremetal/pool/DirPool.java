package org.metalvirt.baremetal.pool;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.storage.BackingStore;
import org.metalvirt.storage.NewVolume;
import org.metalvirt.storage.PoolDriver;
import org.metalvirt.storage.PoolFacts;
import org.metalvirt.storage.PoolSource;
import org.metalvirt.storage.VolumeFacts;
import org.metalvirt.storage.VolumePermissions;

/**
 * A {@code dir} pool: image files in a directory on the card, made and read with {@code qemu-img}.
 * A volume is a plain file directly in the directory; a name that could reach outside it
 * ({@code /}, {@code .}, {@code ..}) or a link that does is refused.
 */
class DirPool implements PoolDriver {

    /** libvirt's mode for a volume file made without {@code <mode>}. */
    private static final int DEFAULT_MODE = 0600;

    private final QemuImg qemuImg;

    DirPool(QemuImg qemuImg) {
        this.qemuImg = qemuImg;
    }

    @Override
    public String type() {
        return "dir";
    }

    @Override
    public List<String> volumeFormats() {
        return List.of("raw", "qcow2");
    }

    @Override
    public void build(PoolSource pool, boolean overwrite) {
        Path dir = dir(pool);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw system("cannot create path '" + dir + "'", e);
        }
    }

    @Override
    public void start(PoolSource pool) {
        Path dir = dir(pool);
        if (!Files.isDirectory(dir)) {
            throw new VirtException(
                    ErrorNumber.SYSTEM_ERROR,
                    ErrorDomain.STORAGE,
                    "cannot open path '" + dir + "': No such file or directory");
        }
    }

    @Override
    public void delete(PoolSource pool) {
        Path dir = dir(pool);
        try {
            Files.delete(dir);
        } catch (IOException e) {
            throw system("failed to remove pool '" + dir + "'", e);
        }
    }

    @Override
    public PoolFacts refresh(PoolSource pool) {
        Path dir = dir(pool);
        List<VolumeFacts> volumes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    volumes.add(facts(file));
                }
            }
            FileStore store = Files.getFileStore(dir);
            long capacity = store.getTotalSpace();
            long available = store.getUsableSpace();
            return new PoolFacts(capacity, capacity - store.getUnallocatedSpace(), available, volumes);
        } catch (IOException e) {
            throw system("cannot open directory '" + dir + "'", e);
        }
    }

    @Override
    public VolumeFacts volume(PoolSource pool, String name) {
        Path file = file(pool, name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            // libvirt's refresh of a volume whose file went away underneath it.
            throw new VirtException(
                    ErrorNumber.SYSTEM_ERROR,
                    ErrorDomain.STORAGE,
                    "cannot stat file '" + file + "': No such file or directory");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw PoolDriver.noVolume("'" + name + "' is not an image file in the pool");
        }
        return facts(file);
    }

    @Override
    public VolumeFacts createVolume(PoolSource pool, NewVolume volume) {
        Path file = file(pool, volume.name());
        if (!volumeFormats().contains(volume.format())) {
            throw new VirtException(
                    ErrorNumber.NO_SUPPORT,
                    ErrorDomain.STORAGE,
                    "this function is not supported by the connection driver: format '" + volume.format()
                            + "' (the card makes raw and qcow2 images)");
        }
        volume.backing().ifPresent(backing -> checkBacking(pool, volume, backing));
        qemuImg.create(
                file.toString(),
                volume.format(),
                volume.capacity(),
                volume.allocation() >= volume.capacity(),
                volume.backing());
        return madeWith(file, volume.permissions());
    }

    /** As libvirt: a raw file has no backing store, and the backing image must be readable. */
    private static void checkBacking(PoolSource pool, NewVolume volume, BackingStore backing) {
        if (volume.format().equals("raw")) {
            throw PoolDriver.unsupported("backing storage not supported for raw volumes");
        }
        Path path = dir(pool).resolve(backing.path()); // a relative path is the pool directory's
        if (!Files.isReadable(path)) {
            throw new VirtException(
                    ErrorNumber.SYSTEM_ERROR,
                    ErrorDomain.STORAGE,
                    "inaccessible backing store volume " + backing.path() + ": "
                            + (Files.exists(path) ? "Permission denied" : "No such file or directory"));
        }
    }

    @Override
    public VolumeFacts copyVolume(PoolSource pool, NewVolume volume, VolumeFacts from) {
        Path file = file(pool, volume.name());
        // A copy holds all the data: a backing store asked for is not used, as libvirt's convert.
        qemuImg.convert(from.path(), from.format(), file.toString(), volume.format());
        if (volume.capacity() > from.capacity()) {
            qemuImg.resize(file.toString(), volume.format(), volume.capacity(), false);
        }
        return madeWith(file, volume.permissions());
    }

    /**
     * The new file with the permissions asked, as libvirt sets them: owner and group changed when
     * given (the daemon must be root for another owner), the mode as given or 0600. A file that
     * cannot be given them is removed.
     */
    private VolumeFacts madeWith(Path file, VolumePermissions permissions) {
        int mode = permissions.mode().orElse(DEFAULT_MODE);
        String step = "";
        try {
            if (permissions.owner().isPresent() || permissions.group().isPresent()) {
                step = "cannot chown " + file + " to (" + id(permissions.owner()) + ", " + id(permissions.group())
                        + ")";
                if (permissions.owner().isPresent()) {
                    Files.setAttribute(
                            file, "unix:uid", (int) permissions.owner().getAsLong(), NOFOLLOW_LINKS);
                }
                if (permissions.group().isPresent()) {
                    Files.setAttribute(
                            file, "unix:gid", (int) permissions.group().getAsLong(), NOFOLLOW_LINKS);
                }
            }
            step = "cannot set mode of '" + file + "' to 0" + Integer.toOctalString(mode);
            Files.setAttribute(file, "unix:mode", mode, NOFOLLOW_LINKS);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException gone) {
                e.addSuppressed(gone);
            }
            throw system(step, e);
        }
        return facts(file);
    }

    /** An id as libvirt prints one not given: -1 as unsigned. */
    private static long id(OptionalLong id) {
        return id.orElse(0xFFFF_FFFFL);
    }

    @Override
    public void deleteVolume(PoolSource pool, String name) {
        Path file = file(pool, name);
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw system("cannot unlink file '" + file + "'", e);
        }
    }

    @Override
    public void resizeVolume(PoolSource pool, String name, long capacity) {
        VolumeFacts volume = volume(pool, name);
        qemuImg.resize(volume.path(), volume.format(), capacity, capacity < volume.capacity());
    }

    @Override
    public void wipeVolume(PoolSource pool, String name) {
        VolumeFacts volume = volume(pool, name);
        // As libvirt's local wipe: the file's bytes, all zero, whatever its format.
        try (FileChannel channel = FileChannel.open(Path.of(volume.path()), StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
            long size = channel.size();
            for (long at = 0; at < size; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                channel.write(zeros, at);
            }
            channel.force(true);
        } catch (IOException e) {
            throw system("cannot wipe '" + volume.path() + "'", e);
        }
    }

    VolumeFacts facts(Path file) {
        QemuImg.Info info = qemuImg.info(List.of(file.toString()), List.of());
        String path = file.toString();
        Optional<BackingStore> backing = info.backingPath()
                .map(backingPath -> new BackingStore(
                        backingPath,
                        // libvirt takes an unrecorded backing format for raw
                        info.backingFormat().orElse("raw"),
                        permissions(Path.of(backingPath)).orElse(VolumePermissions.NONE)));
        return new VolumeFacts(
                file.getFileName().toString(),
                path,
                path,
                "file",
                info.format(),
                info.virtualSize(),
                info.actualSize(),
                permissions(file).orElse(VolumePermissions.NONE),
                backing);
    }

    /** The file's mode, owner and group, as libvirt's refresh reads them; empty when it cannot be read. */
    private static Optional<VolumePermissions> permissions(Path file) {
        try {
            return Optional.of(VolumePermissions.of(
                    (Integer) Files.getAttribute(file, "unix:mode"),
                    (Integer) Files.getAttribute(file, "unix:uid"),
                    (Integer) Files.getAttribute(file, "unix:gid")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    static Path dir(PoolSource pool) {
        return Path.of(pool.target().orElseThrow(() -> new IllegalStateException("a dir pool has a target path")));
    }

    /** The volume's file: directly in the pool's directory, never a way out of it. */
    static Path file(PoolSource pool, String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.contains("\0")) {
            throw new VirtException(
                    ErrorNumber.OPERATION_INVALID,
                    ErrorDomain.STORAGE,
                    "Requested operation is not valid: volume name '" + name + "' cannot contain '/'");
        }
        Path dir = dir(pool);
        Path file = dir.resolve(name);
        Optional<Path> real = realPath(file);
        if (real.isPresent() && !real.get().getParent().equals(realPath(dir).orElse(dir))) {
            throw PoolDriver.noVolume("'" + name + "' leads outside the pool's directory");
        }
        return file;
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw system("cannot resolve '" + path + "'", e);
        }
    }

    static VirtException system(String what, IOException e) {
        // strerror's words, as libvirt's messages carry them; NIO's own message is only the path.
        String reason = e instanceof NoSuchFileException
                ? "No such file or directory"
                : e instanceof java.nio.file.DirectoryNotEmptyException
                        ? "Directory not empty"
                        : e instanceof FileSystemException fs && fs.getReason() != null
                                ? fs.getReason()
                                : e.getMessage();
        return new VirtException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.STORAGE, what + ": " + reason, e);
    }
}
