package org.metalvirt.shim.secret;

import java.util.Optional;
import java.util.UUID;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.xml.XmlElement;
import org.metalvirt.xml.XmlReader;
import org.metalvirt.xml.XmlWriter;

/**
 * Secret XML ({@code <secret ephemeral private>} with {@code <uuid>}, {@code <description>} and
 * {@code <usage>}), read through the hardened reader with libvirt's checks and errors, and
 * printed as libvirt prints it. A value never appears in it.
 */
final class SecretXml {

    private SecretXml() {}

    static SecretDefinition parse(String xml) {
        XmlElement root = XmlReader.parse(xml);
        if (!root.name().equals("secret")) {
            throw xmlError("expecting root element of 'secret', not '" + root.name() + "'");
        }
        boolean ephemeral = yesNo(root, "ephemeral");
        boolean isPrivate = yesNo(root, "private");
        UUID uuid = root.childText("uuid").map(SecretXml::uuid).orElseGet(UUID::randomUUID);
        Optional<String> description = root.childText("description").filter(text -> !text.isEmpty());
        SecretUsage usage = SecretUsage.NONE;
        String usageId = "";
        Optional<XmlElement> usageElement = root.child("usage");
        if (usageElement.isPresent()) {
            String type = usageElement.get().attribute("type").orElse("");
            if (type.isEmpty()) {
                throw xmlError("unknown secret usage type");
            }
            usage = SecretUsage.ofType(type)
                    .orElseThrow(() -> new VirtException(
                            ErrorNumber.CONFIG_UNSUPPORTED,
                            ErrorDomain.SECRET,
                            "unsupported configuration: unknown secret usage type " + type));
            SecretUsage named = usage;
            usageId = usageElement
                    .get()
                    .childText(usage.element())
                    .filter(text -> !text.isEmpty())
                    .orElseThrow(() -> internal(named.missing()));
        }
        return new SecretDefinition(uuid, ephemeral, isPrivate, description, usage, usageId);
    }

    static String format(SecretDefinition secret) {
        XmlElement root = new XmlElement("secret")
                .attribute("ephemeral", secret.ephemeral() ? "yes" : "no")
                .attribute("private", secret.isPrivate() ? "yes" : "no");
        root.add("uuid").text(secret.uuid().toString());
        secret.description().ifPresent(text -> root.add("description").text(text));
        if (secret.usage() != SecretUsage.NONE) {
            XmlElement usage =
                    root.add("usage").attribute("type", secret.usage().type());
            usage.add(secret.usage().element()).text(secret.usageId());
        }
        return XmlWriter.write(root);
    }

    private static boolean yesNo(XmlElement root, String attribute) {
        Optional<String> value = root.attribute(attribute);
        if (value.isEmpty() || value.get().isEmpty()) {
            return false;
        }
        return switch (value.get()) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw xmlError("invalid value of '" + attribute + "'");
        };
    }

    /** As libvirt reads one: 32 hex digits, dashes anywhere between them, blanks around. */
    private static UUID uuid(String text) {
        String hex = text.strip().replace("-", "");
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw internal("malformed uuid element");
        }
        return new UUID(
                Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static VirtException xmlError(String reason) {
        return new VirtException(ErrorNumber.XML_ERROR, ErrorDomain.SECRET, "XML error: " + reason);
    }

    static VirtException internal(String reason) {
        return new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.SECRET, "internal error: " + reason);
    }
}
