package org.metalvirt.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a libvirt XML document, kept as written: attributes and namespace declarations
 * in their order, children in theirs, and elements nobody here understands untouched, so a
 * document formats back as it was defined. Names are qualified ({@code nova:instance}).
 *
 * <p>Mutable, for building and editing one document on one thread; share documents as text.
 */
public final class XmlElement {

    private final String name;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlElement> children = new ArrayList<>();
    private String text;

    public XmlElement(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    /** The part of the name after its prefix. */
    public String localName() {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    /** Namespace declarations on this element: prefix ("" for the default) to URI. */
    public Map<String, String> namespaces() {
        return Collections.unmodifiableMap(namespaces);
    }

    public XmlElement declareNamespace(String prefix, String uri) {
        namespaces.put(prefix, uri);
        return this;
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public Optional<String> attribute(String attribute) {
        return Optional.ofNullable(attributes.get(attribute));
    }

    public XmlElement attribute(String attribute, Object value) {
        attributes.put(attribute, String.valueOf(value));
        return this;
    }

    /** Sets an attribute right after another one, as libvirt orders {@code id} after {@code type}. */
    public XmlElement attributeAfter(String after, String attribute, Object value) {
        Map<String, String> reordered = new LinkedHashMap<>();
        boolean placed = false;
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            if (entry.getKey().equals(attribute)) {
                continue;
            }
            reordered.put(entry.getKey(), entry.getValue());
            if (entry.getKey().equals(after)) {
                reordered.put(attribute, String.valueOf(value));
                placed = true;
            }
        }
        if (!placed) {
            reordered.put(attribute, String.valueOf(value));
        }
        attributes.clear();
        attributes.putAll(reordered);
        return this;
    }

    public XmlElement removeAttribute(String attribute) {
        attributes.remove(attribute);
        return this;
    }

    public List<XmlElement> children() {
        return Collections.unmodifiableList(children);
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).findFirst();
    }

    /** Text of a leaf element; empty for an element with children or none. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public XmlElement text(String value) {
        text = value;
        return this;
    }

    /** The text of a child, trimmed, if the child is there. */
    public Optional<String> childText(String childName) {
        return child(childName).flatMap(XmlElement::text).map(String::strip);
    }

    public XmlElement add(XmlElement child) {
        children.add(child);
        return child;
    }

    public XmlElement add(int index, XmlElement child) {
        children.add(index, child);
        return child;
    }

    /** Appends a new child element and returns it. */
    public XmlElement add(String childName) {
        return add(new XmlElement(childName));
    }

    public boolean remove(XmlElement child) {
        return children.remove(child);
    }

    public int indexOf(XmlElement child) {
        return children.indexOf(child);
    }

    /** A deep copy. */
    public XmlElement copy() {
        XmlElement copy = new XmlElement(name);
        copy.namespaces.putAll(namespaces);
        copy.attributes.putAll(attributes);
        copy.text = text;
        for (XmlElement child : children) {
            copy.children.add(child.copy());
        }
        return copy;
    }

    @Override
    public String toString() {
        return XmlWriter.write(this);
    }
}
