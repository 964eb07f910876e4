package org.metalvirt.shim.storage;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.storage.BackingStore;
import org.metalvirt.storage.NewVolume;
import org.metalvirt.storage.VolumeFacts;
import org.metalvirt.storage.VolumePermissions;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;
import org.metalvirt.xml.XmlWriter;

/** libvirt's storage volume XML: what to create, and what {@code vol-dumpxml} shows. */
public final class VolumeXml {

    /** libvirt's volume file formats ({@code none} is not one a volume can have). */
    private static final Set<String> FILE_FORMATS = Set.of(
            "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd", "ploop", "cow", "qcow", "qcow2",
            "qed", "vmdk");

    private VolumeXml() {}

    /**
     * A new volume; its format, and its backing store's, default to the pool's first ({@code raw}
     * for a dir pool, as libvirt). The capacity may be left out when a backing store is given: the
     * overlay then has the backing image's.
     */
    static NewVolume parse(String xml, String defaultFormat) {
        XmlElement root = XmlReader.parse(xml);
        if (!root.localName().equals("volume")) {
            throw PoolXml.xmlError("unexpected root element <" + root.localName() + ">, expecting <volume>");
        }
        String name = root.childText("name")
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .orElseThrow(() -> PoolXml.xmlError("missing volume name element"));
        Optional<BackingStore> backing = root.child("backingStore").flatMap(b -> backing(b, defaultFormat));
        Optional<XmlElement> capacity = root.child("capacity");
        if (capacity.isEmpty() && backing.isEmpty()) {
            throw PoolXml.xmlError("missing capacity element");
        }
        long bytes = capacity.map(c -> size("capacity", c)).orElse(0L);
        long allocation =
                root.child("allocation").map(a -> size("allocation", a)).orElse(bytes);
        Optional<XmlElement> target = root.child("target");
        // The volume's own format is the pool driver's to judge (one it cannot make is its refusal).
        String format = target.flatMap(t -> t.child("format"))
                .flatMap(f -> f.attribute("type"))
                .orElse(defaultFormat);
        VolumePermissions permissions = target.flatMap(t -> t.child("permissions"))
                .map(VolumeXml::permissions)
                .orElse(VolumePermissions.NONE);
        return new NewVolume(name, format, bytes, allocation, permissions, backing);
    }

    private static Optional<BackingStore> backing(XmlElement backing, String defaultFormat) {
        Optional<String> path = backing.childText("path").filter(p -> !p.isEmpty());
        return path.map(p -> new BackingStore(
                p,
                backingFormat(backing, defaultFormat),
                backing.child("permissions").map(VolumeXml::permissions).orElse(VolumePermissions.NONE)));
    }

    /** The backing store's {@code <format type>}: one of libvirt's file formats, or the default when absent. */
    private static String backingFormat(XmlElement backing, String defaultFormat) {
        Optional<String> type = backing.child("format").flatMap(f -> f.attribute("type"));
        if (type.isPresent() && !FILE_FORMATS.contains(type.get())) {
            throw new VirtException(
                    ErrorNumber.CONFIG_UNSUPPORTED,
                    ErrorDomain.STORAGE,
                    "unsupported configuration: unknown volume format type " + type.get());
        }
        return type.orElse(defaultFormat);
    }

    /** {@code <permissions>}: an octal mode within 0777, numeric owner and group (-1 is "not given"), a label. */
    private static VolumePermissions permissions(XmlElement permissions) {
        OptionalInt mode = OptionalInt.empty();
        Optional<String> modeText = permissions.childText("mode").map(String::strip);
        if (modeText.isPresent()) {
            try {
                int bits = Integer.parseInt(modeText.get(), 8);
                if ((bits & ~0777) != 0) {
                    throw PoolXml.xmlError("malformed octal mode");
                }
                mode = OptionalInt.of(bits);
            } catch (NumberFormatException e) {
                throw PoolXml.xmlError("malformed octal mode");
            }
        }
        return new VolumePermissions(
                mode,
                id(permissions, "owner"),
                id(permissions, "group"),
                permissions.childText("label").map(String::strip).filter(l -> !l.isEmpty()));
    }

    private static OptionalLong id(XmlElement permissions, String element) {
        if (permissions.child(element).isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(permissions.childText(element).orElse("").strip());
            if (id == -1) {
                return OptionalLong.empty(); // what older libvirt wrote for "not set"
            }
            if (id < 0 || id > 0xFFFF_FFFEL) {
                throw PoolXml.xmlError("malformed " + element + " element");
            }
            return OptionalLong.of(id);
        } catch (NumberFormatException e) {
            throw PoolXml.xmlError("malformed " + element + " element");
        }
    }

    private static long size(String element, XmlElement size) {
        return Sizes.bytes(
                element, size.text().orElse(""), size.attribute("unit").orElse("bytes"));
    }

    public static String format(VolumeFacts volume) {
        XmlElement root = new XmlElement("volume").attribute("type", volume.type());
        root.add("name").text(volume.name());
        root.add("key").text(volume.key());
        root.add("source");
        root.add("capacity").attribute("unit", "bytes").text(Long.toString(volume.capacity()));
        root.add("allocation").attribute("unit", "bytes").text(Long.toString(volume.allocation()));
        XmlElement target = root.add("target");
        target.add("path").text(volume.path());
        target.add("format").attribute("type", volume.format());
        addPermissions(target, volume.permissions());
        volume.backing().ifPresent(backing -> {
            XmlElement store = root.add("backingStore");
            store.add("path").text(backing.path());
            store.add("format").attribute("type", backing.format());
            addPermissions(store, backing.permissions());
        });
        return XmlWriter.write(root);
    }

    private static void addPermissions(XmlElement parent, VolumePermissions permissions) {
        if (permissions.isEmpty()) {
            return;
        }
        XmlElement element = parent.add("permissions");
        permissions.mode().ifPresent(mode -> element.add("mode").text("0" + Integer.toOctalString(mode)));
        permissions.owner().ifPresent(owner -> element.add("owner").text(Long.toString(owner)));
        permissions.group().ifPresent(group -> element.add("group").text(Long.toString(group)));
        permissions.label().ifPresent(label -> element.add("label").text(label));
    }
}
