package org.metalvirt.shim.storage;

import org.metalvirt.storage.NewVolume;
import org.metalvirt.storage.VolumeFacts;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;
import org.metalvirt.xml.XmlWriter;

/** libvirt's storage volume XML: what to create, and what {@code vol-dumpxml} shows. */
public final class VolumeXml {

    private VolumeXml() {}

    /** A new volume; its format defaults to the pool's first ({@code raw} for a dir pool, as libvirt). */
    static NewVolume parse(String xml, String defaultFormat) {
        XmlElement root = XmlReader.parse(xml);
        if (!root.localName().equals("volume")) {
            throw PoolXml.xmlError("unexpected root element <" + root.localName() + ">, expecting <volume>");
        }
        String name = root.childText("name")
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .orElseThrow(() -> PoolXml.xmlError("missing volume name element"));
        XmlElement capacity = root.child("capacity").orElseThrow(() -> PoolXml.xmlError("missing capacity element"));
        long bytes = size("capacity", capacity);
        long allocation =
                root.child("allocation").map(a -> size("allocation", a)).orElse(bytes);
        String format = root.child("target")
                .flatMap(t -> t.child("format"))
                .flatMap(f -> f.attribute("type"))
                .orElse(defaultFormat);
        return new NewVolume(name, format, bytes, allocation);
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
        return XmlWriter.write(root);
    }
}
