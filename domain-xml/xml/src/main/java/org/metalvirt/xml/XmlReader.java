package org.metalvirt.xml;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * Reads XML from clients into an {@link XmlElement} tree, refusing what a hostile document could
 * use against the daemon: any DTD (so no entity expansion, internal or external), documents
 * larger or deeper than the limits. Every failure is {@code VIR_ERR_XML_ERROR} with the line and
 * column where it happened. Comments and processing instructions are dropped; whitespace between
 * elements is not kept (the writer re-indents), nor is a line break alone between an element's tags.
 */
public final class XmlReader {

    /** The largest document accepted: libvirt's own bound on any string on the wire. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;

    /** The deepest nesting accepted; libvirt's deepest documents are about ten levels deep. */
    public static final int MAX_DEPTH = 64;

    /**
     * One hardened factory per thread, made once: {@code newFactory()} looks its implementation up
     * (system property, {@code stax.properties}, the class path's services) at every call, which a
     * define paid on every parse; StAX does not promise a factory may be shared between threads.
     */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(XmlReader::factory);

    private XmlReader() {}

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    public static XmlElement parse(String xml) {
        if (xml.length() > MAX_CHARS) {
            throw error("document of " + xml.length() + " characters exceeds the limit of " + MAX_CHARS);
        }
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.get().createXMLStreamReader(new StringReader(xml));
            return read(reader);
        } catch (XMLStreamException e) {
            throw error(e.getMessage() == null ? "malformed document" : cleanMessage(e));
        } catch (VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            // The JDK's parser fails on some malformed input with its own exceptions (found by fuzzing: a
            // control character in a DTD is a MissingResourceException "InvalidCharInDTD"): still a bad document.
            throw error("malformed document");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing was held open beyond the string itself.
                }
            }
        }
    }

    private static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        Deque<XmlElement> open = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.DTD -> throw error(reader.getLocation(), "DTDs are not accepted");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw error(
                            reader.getLocation(), "entity reference '&" + reader.getLocalName() + ";' is not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw error(reader.getLocation(), "elements nested deeper than " + MAX_DEPTH);
                    }
                    XmlElement element = new XmlElement(qualified(reader.getPrefix(), reader.getLocalName()));
                    for (int i = 0; i < reader.getNamespaceCount(); i++) {
                        String prefix = reader.getNamespacePrefix(i);
                        element.declareNamespace(prefix == null ? "" : prefix, reader.getNamespaceURI(i));
                    }
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        element.attribute(
                                qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)),
                                reader.getAttributeValue(i));
                    }
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().add(element);
                    }
                    open.push(element);
                    texts.push(new StringBuilder());
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!texts.isEmpty()) {
                        texts.peek().append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement element = open.pop();
                    String text = texts.pop().toString();
                    if (element.children().isEmpty() && text.isBlank() && text.contains("\n")) {
                        // Indentation between an empty element's tags, not content: <timer …>\n</timer>.
                        element.text(null);
                    } else if (element.children().isEmpty() && !text.isEmpty()) {
                        element.text(text);
                    } else if (element.children().isEmpty() && text.isEmpty()) {
                        element.text(null);
                    }
                }
                default -> {
                    // Comments and processing instructions carry nothing libvirt keeps.
                }
            }
        }
        if (root == null) {
            throw error("no root element");
        }
        return root;
    }

    private static String qualified(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static String cleanMessage(XMLStreamException e) {
        Location location = e.getLocation();
        String message = e.getMessage();
        int detail = message.indexOf("Message: ");
        String reason = detail >= 0 ? message.substring(detail + "Message: ".length()) : message;
        return location == null ? reason : at(location) + reason;
    }

    private static String at(Location location) {
        return "line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ": ";
    }

    private static VirtException error(Location location, String reason) {
        return error(at(location) + reason);
    }

    private static VirtException error(String reason) {
        return new VirtException(ErrorNumber.XML_ERROR, ErrorDomain.XML, "XML error: " + reason);
    }
}
