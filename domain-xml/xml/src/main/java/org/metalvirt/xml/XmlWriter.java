package org.metalvirt.xml;

import java.util.Map;

/**
 * Prints an {@link XmlElement} tree as libvirt prints its documents: two-space indentation,
 * attributes in single quotes, no XML declaration, a trailing newline.
 */
public final class XmlWriter {

    private XmlWriter() {}

    public static String write(XmlElement root) {
        StringBuilder out = new StringBuilder();
        write(out, root, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, XmlElement element, int depth) {
        String indent = "  ".repeat(depth);
        out.append(indent).append('<').append(element.name());
        // libxml2 (which prints metadata elements) puts namespace declarations first; libvirt prints
        // its <domain> root by hand, declarations last: <domain type='kvm' id='1' xmlns:qemu=…>.
        boolean domainRoot = depth == 0 && element.name().equals("domain");
        if (!domainRoot) {
            namespaces(out, element);
        }
        for (Map.Entry<String, String> attribute : element.attributes().entrySet()) {
            out.append(' ').append(attribute.getKey()).append("='");
            escape(out, attribute.getValue(), true);
            out.append('\'');
        }
        if (domainRoot) {
            namespaces(out, element);
        }
        if (!element.children().isEmpty()) {
            out.append(">\n");
            for (XmlElement child : element.children()) {
                write(out, child, depth + 1);
            }
            out.append(indent).append("</").append(element.name()).append(">\n");
        } else if (element.text().isPresent()) {
            out.append('>');
            escape(out, element.text().get(), false);
            out.append("</").append(element.name()).append(">\n");
        } else {
            out.append("/>\n");
        }
    }

    private static void namespaces(StringBuilder out, XmlElement element) {
        for (Map.Entry<String, String> ns : element.namespaces().entrySet()) {
            out.append(ns.getKey().isEmpty() ? " xmlns" : " xmlns:" + ns.getKey())
                    .append("='");
            escape(out, ns.getValue(), true);
            out.append('\'');
        }
    }

    private static void escape(StringBuilder out, String value, boolean attribute) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }
}
