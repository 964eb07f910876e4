package org.metalvirt.hostxml;

import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlWriter;

/** Terse building of the small documents this package formats, on top of {@link XmlElement}. */
final class Dom {

    private XmlElement root;

    static Dom create() {
        return new Dom();
    }

    XmlElement root(String name) {
        root = new XmlElement(name);
        return root;
    }

    /** Appends {@code <name attr='value'…/>}; attributes come as name/value pairs. */
    XmlElement child(XmlElement parent, String name, Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        XmlElement element = parent.add(name);
        for (int i = 0; i < attributes.length; i += 2) {
            element.attribute((String) attributes[i], attributes[i + 1]);
        }
        return element;
    }

    /** Appends {@code <name attr='value'…>text</name>}. */
    XmlElement text(XmlElement parent, String name, Object text, Object... attributes) {
        return child(parent, name, attributes).text(String.valueOf(text));
    }

    String print() {
        return XmlWriter.write(root);
    }
}
