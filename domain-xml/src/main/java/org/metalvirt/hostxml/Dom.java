package org.metalvirt.hostxml;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Builds small XML documents and prints them the way libvirt does: attributes in the order they
 * were added (the JDK's DOM sorts them), two-space indentation, no XML declaration, a trailing
 * newline. Escaping is left to the JDK's StAX writer.
 */
final class Dom {

    /** An element under construction. */
    static final class Element {
        private final String name;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final List<Element> children = new ArrayList<>();
        private String text;

        private Element(String name) {
            this.name = name;
        }

        void attribute(String attribute, Object value) {
            attributes.put(attribute, String.valueOf(value));
        }
    }

    private Element root;

    static Dom create() {
        return new Dom();
    }

    Element root(String name) {
        root = new Element(name);
        return root;
    }

    /** Appends {@code <name attr='value'…/>}; attributes come as name/value pairs. */
    Element child(Element parent, String name, Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        Element element = new Element(name);
        for (int i = 0; i < attributes.length; i += 2) {
            element.attribute((String) attributes[i], attributes[i + 1]);
        }
        parent.children.add(element);
        return element;
    }

    /** Appends {@code <name attr='value'…>text</name>}. */
    Element text(Element parent, String name, Object text, Object... attributes) {
        Element element = child(parent, name, attributes);
        element.text = String.valueOf(text);
        return element;
    }

    String print() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter writer = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            write(writer, root, 0);
            writer.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot print XML", e);
        }
        return out.toString();
    }

    private static void write(XMLStreamWriter writer, Element element, int depth) throws XMLStreamException {
        writer.writeCharacters("  ".repeat(depth));
        if (element.children.isEmpty() && element.text == null) {
            writer.writeEmptyElement(element.name);
            writeAttributes(writer, element);
        } else {
            writer.writeStartElement(element.name);
            writeAttributes(writer, element);
            if (element.text != null) {
                writer.writeCharacters(element.text);
            } else {
                writer.writeCharacters("\n");
                for (Element child : element.children) {
                    write(writer, child, depth + 1);
                }
                writer.writeCharacters("  ".repeat(depth));
            }
            writer.writeEndElement();
        }
        writer.writeCharacters("\n");
    }

    private static void writeAttributes(XMLStreamWriter writer, Element element) throws XMLStreamException {
        for (Map.Entry<String, String> attribute : element.attributes.entrySet()) {
            writer.writeAttribute(attribute.getKey(), attribute.getValue());
        }
    }
}
